import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	crc32,
	decodeEnvelope,
	encodeEnvelope,
	fromBase64Url,
	LinkError,
	MAX_PAYLOAD_CHARS,
	toBase64Url
} from '$lib/link/envelope';
import { codeLengths, deflateWithDictionary, dictionaryPrefix } from '$lib/link/deflate';
import { DICTIONARY_1 } from '$lib/link/dictionary';
import { decodeProgram, encodeProgram, programLink, programToWire } from '$lib/link/program-link';
import { AGE_BANDS, GOAL_AREAS } from '$lib/content/taxonomy';
import { SUGGESTED_ANCHORS, type ProgramDoc, type ProgramItem } from '$lib/program/model';
import { isValidProgram, programProblems } from '$lib/program/validate';
import { sampleProgram } from './fixtures/programs';

// ---- arbitraries: every valid program -------------------------------------------------------

const textArb = (max: number) =>
	fc
		.string({ unit: 'grapheme', maxLength: max })
		.map((s) =>
			s
				// eslint-disable-next-line no-control-regex
				.replace(/[\u0000-\u001f\u007f]|<|javascript:/gi, '')
				.trim()
				.slice(0, max)
				.trim()
		)
		.filter((s) => s.length > 0 && [...s].length <= max && s.length <= max);

const slugArb = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/);
const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{6,24}$/);
const dateArb = fc
	.integer({ min: 0, max: 20_000 })
	.map((d) => new Date(Date.UTC(2020, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const sortedSubset = <T>(all: readonly T[], min: number, max: number) =>
	fc
		.uniqueArray(fc.integer({ min: 0, max: all.length - 1 }), { minLength: min, maxLength: max })
		.map((idx) => idx.sort((a, b) => a - b).map((i) => all[i]));

const itemArb: fc.Arbitrary<Omit<ProgramItem, 'id'> & { id?: string }> = fc.record(
	{
		ref: fc.oneof(
			slugArb.map((activityId) => ({ activityId })),
			fc
				.record({
					title: textArb(60),
					pictogram: slugArb,
					steps: fc.array(textArb(240), { minLength: 1, maxLength: 8 }),
					kidSteps: fc.array(fc.record({ text: textArb(40), pictogram: slugArb }), {
						minLength: 1,
						maxLength: 5
					})
				})
				.map((custom) => ({ custom }))
		),
		schedule: fc.oneof(
			fc.integer({ min: 1, max: 7 }).map((timesPerWeek) => ({ timesPerWeek })),
			sortedSubset([0, 1, 2, 3, 4, 5, 6], 1, 7).map((days) => ({ days }))
		),
		amount: fc.oneof(
			fc.integer({ min: 1, max: 120 }).map((minutes) => ({ minutes })),
			fc
				.record({ reps: fc.integer({ min: 1, max: 100 }), sets: fc.integer({ min: 1, max: 10 }) })
				.map((a) => a)
		),
		anchor: fc.oneof(fc.constantFrom(...SUGGESTED_ANCHORS), textArb(40)),
		note: fc.option(textArb(300), { nil: undefined }),
		variation: fc.option(fc.constantFrom('easier' as const, 'harder' as const), { nil: undefined }),
		ownId: fc.option(idArb, { nil: undefined })
	},
	{ requiredKeys: ['ref', 'schedule', 'amount', 'anchor'] }
) as never;

const programArb: fc.Arbitrary<ProgramDoc> = fc
	.record({
		id: idArb,
		version: fc.integer({ min: 1, max: 100_000 }),
		name: textArb(40),
		ageBand: fc.constantFrom(...AGE_BANDS),
		goals: fc.array(fc.record({ text: textArb(120), goalAreas: sortedSubset(GOAL_AREAS, 1, 3) }), {
			minLength: 1,
			maxLength: 4
		}),
		therapist: fc.record(
			{ name: textArb(80), clinic: textArb(80), contact: textArb(80) },
			{ requiredKeys: ['name'] }
		),
		startDate: dateArb,
		reviewAfter: fc.option(fc.integer({ min: 0, max: 800 }), { nil: undefined }),
		items: fc.array(itemArb, { minLength: 1, maxLength: 12 })
	})
	.map((r) => {
		const doc: ProgramDoc = {
			id: r.id,
			version: r.version,
			child: { name: r.name, ageBand: r.ageBand },
			goals: r.goals,
			therapist: r.therapist,
			startDate: r.startDate,
			items: r.items.map((raw, i) => {
				const { ref, ownId, ...rest } = raw as unknown as {
					ref: { activityId?: string; custom?: ProgramItem['custom'] };
					ownId?: string;
				} & Omit<ProgramItem, 'id'>;
				const item: ProgramItem = { ...rest, ...ref, id: ownId ?? ref.activityId ?? `c${i}` };
				for (const key of Object.keys(item) as (keyof ProgramItem)[])
					if (item[key] === undefined) delete item[key];
				return item;
			})
		};
		if (r.reviewAfter !== undefined)
			doc.reviewDate = new Date(Date.parse(r.startDate) + r.reviewAfter * 86_400_000)
				.toISOString()
				.slice(0, 10);
		return doc;
	})
	.filter((doc) => new Set(doc.items.map((i) => i.id)).size === doc.items.length);

// ---- tests ------------------------------------------------------------------------------------

describe('base64url', () => {
	it('round-trips any bytes and refuses anything that is not strict base64url', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
			})
		);
		expect(fromBase64Url('ab+c')).toBeUndefined();
		expect(fromBase64Url('abcde')).toBeUndefined();
		expect(fromBase64Url('AA')).toEqual(new Uint8Array([0]));
		expect(fromBase64Url('AB')).toBeUndefined();
	});
});

describe('program link', () => {
	it('accepts the sample program', () => {
		expect(programProblems(sampleProgram())).toEqual([]);
	});

	it('round-trips any valid program exactly', async () => {
		await fc.assert(
			fc.asyncProperty(programArb, async (doc) => {
				expect(programProblems(doc)).toEqual([]);
				expect(await decodeProgram(await encodeProgram(doc))).toEqual(doc);
			}),
			{ numRuns: 300 }
		);
	});

	it('refuses to encode an invalid program', async () => {
		const doc = sampleProgram();
		doc.child.name = '<img src=x onerror=alert(1)>';
		await expect(encodeProgram(doc)).rejects.toThrow('not valid');
	});

	const problemOf = async (payload: string) => {
		try {
			await decodeProgram(payload);
			return 'decoded';
		} catch (error) {
			expect(error).toBeInstanceOf(LinkError);
			return (error as LinkError).problem;
		}
	};

	it('names what is wrong with a bad link', async () => {
		const good = await encodeProgram(sampleProgram());
		expect(await problemOf('')).toBe('empty');
		expect(await problemOf('x'.repeat(MAX_PAYLOAD_CHARS + 1))).toBe('too-long');
		expect(await problemOf('not a link at all!')).toBe('not-a-link');
		expect(await problemOf(good.slice(0, good.length - 6))).toBe('damaged');
		const altered = good.slice(0, 20) + (good[20] === 'A' ? 'B' : 'A') + good.slice(21);
		expect(await problemOf(altered)).toBe('damaged');
		const report = await encodeEnvelope('report', 1, [1]);
		expect(await problemOf(report)).toBe('wrong-kind');
		const future = await encodeEnvelope('program', 9, []);
		expect(await problemOf(future)).toBe('newer-format');
		expect(await problemOf(await encodeEnvelope('program', 1, { hello: 'world' }))).toBe('invalid');
	});

	it('refuses a link whose texts carry HTML or script, even with a correct checksum', async () => {
		const doc = sampleProgram();
		const wire = JSON.parse(JSON.stringify([doc.id, doc.version, '<script>alert(1)</script>']));
		const full = programToWire(doc);
		full[2] = wire[2];
		expect(await problemOf(await encodeEnvelope('program', 1, full))).toBe('invalid');
		const noteWire = programToWire(doc);
		(noteWire[8] as unknown[][])[0][4] = 'Nice <a href="javascript:alert(1)">link</a>';
		expect(await problemOf(await encodeEnvelope('program', 1, noteWire))).toBe('invalid');
	});

	it('refuses a compression bomb', async () => {
		const huge = 'a'.repeat(2 * 1024 * 1024);
		const payload = await encodeEnvelope('program', 1, [huge]);
		expect(payload.length).toBeLessThan(MAX_PAYLOAD_CHARS);
		expect(await problemOf(payload)).toBe('too-long');
	});

	it('10,000 mutated or random payloads never crash the decoder and never pass as garbage', async () => {
		const originals = await Promise.all(
			fc.sample(programArb, { numRuns: 20, seed: 42 }).map(async (doc) => ({
				doc,
				payload: await encodeProgram(doc)
			}))
		);
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		const mutation = fc.record({
			original: fc.integer({ min: 0, max: originals.length - 1 }),
			kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'swap', 'random'),
			at: fc.nat(),
			char: fc.constantFrom(...alphabet, '+', '/', '=', ' ', '%', 'é'),
			random: fc.string({ maxLength: 400 })
		});
		let decodedGarbage = 0;
		let runs = 0;
		await fc.assert(
			fc.asyncProperty(mutation, async (m) => {
				runs++;
				const { doc, payload } = originals[m.original];
				const at = m.at % payload.length;
				const mutated = {
					flip: payload.slice(0, at) + m.char + payload.slice(at + 1),
					insert: payload.slice(0, at) + m.char + payload.slice(at),
					delete: payload.slice(0, at) + payload.slice(at + 1),
					truncate: payload.slice(0, at),
					swap:
						payload.slice(0, at) +
						payload.slice(at + 1, at + 2) +
						payload[at] +
						payload.slice(at + 2),
					random: m.random
				}[m.kind];
				try {
					const decoded = await decodeProgram(mutated);
					// Only an unchanged payload may decode, and then to exactly the original.
					if (mutated !== payload || !isValidProgram(decoded)) decodedGarbage++;
					else expect(decoded).toEqual(doc);
				} catch (error) {
					expect(error).toBeInstanceOf(LinkError);
				}
			}),
			{ numRuns: 10_000, seed: 7 }
		);
		expect(runs).toBe(10_000);
		expect(decodedGarbage).toBe(0);
	}, 120_000);

	it('fits the budgets: 8 library activities ≤ 600 characters, 12 + 3 custom ≤ 2,000', async () => {
		const origin = 'https://homeplay.example';
		const typical = sampleProgram({ libraryItems: 8, customItems: 0, noteLength: 30 });
		expect((await programLink(origin, typical)).length).toBeLessThanOrEqual(600);
		const big = sampleProgram({ libraryItems: 12, noteLength: 200, customItems: 3 });
		expect((await programLink(origin, big)).length).toBeLessThanOrEqual(2000);
	});
});

describe('deflate with a preset dictionary', () => {
	const inflate = async (bytes: Uint8Array, dictionary: Uint8Array) => {
		const stream = new Blob([dictionaryPrefix(dictionary) as BlobPart, bytes as BlobPart])
			.stream()
			.pipeThrough(new DecompressionStream('deflate-raw'));
		const out = new Uint8Array(await new Response(stream).arrayBuffer());
		return out.subarray(dictionary.length);
	};

	it('is read back by the platform inflater, for any input and dictionary', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.uint8Array({ maxLength: 3000 }),
					fc.string({ maxLength: 2000 }).map((s) => new TextEncoder().encode(s + s))
				),
				fc.uint8Array({ maxLength: 2000 }),
				async (input, dictionary) => {
					expect(await inflate(deflateWithDictionary(input, dictionary), dictionary)).toEqual(
						input
					);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('makes typical link text shorter than plain deflate', async () => {
		const json = new TextEncoder().encode(
			JSON.stringify(programToWire(sampleProgram({ libraryItems: 8 })))
		);
		const plain = new Uint8Array(
			await new Response(
				new Blob([json as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'))
			).arrayBuffer()
		);
		const dictionary = new TextEncoder().encode(DICTIONARY_1);
		expect(deflateWithDictionary(json, dictionary).length).toBeLessThan(plain.length * 0.85);
	});

	it('keeps code lengths within the limit', () => {
		const fib = [1, 1];
		while (fib.length < 30) fib.push(fib.at(-1)! + fib.at(-2)!);
		expect(Math.max(...codeLengths(fib, 15))).toBe(15);
		expect(codeLengths([0, 0, 5], 7).filter(Boolean)).toHaveLength(2);
	});

	it('dictionary 1 is frozen: old links must decode forever', () => {
		expect(crc32(new TextEncoder().encode(DICTIONARY_1)).toString(16)).toBe('dfdd952');
	});
});

describe('envelope', () => {
	it('reads payloads made without the dictionary too', async () => {
		// A payload compressed by CompressionStream alone (dictionary 0), as older encoders may make.
		const json = new TextEncoder().encode(JSON.stringify(['x']));
		const plain = new Uint8Array(
			await new Response(
				new Blob([json as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'))
			).arrayBuffer()
		);
		const bytes = new Uint8Array([0x72, 0x10, ...plain, 0, 0, 0, 0]);
		new DataView(bytes.buffer).setUint32(
			bytes.length - 4,
			crc32(bytes.subarray(0, bytes.length - 4))
		);
		expect(await decodeEnvelope('report', 1, toBase64Url(bytes))).toEqual({
			version: 1,
			value: ['x']
		});
	});

	it('decodes what it encodes', async () => {
		const payload = await encodeEnvelope('report', 1, { a: [1, 'two'] });
		expect(await decodeEnvelope('report', 1, payload)).toEqual({
			version: 1,
			value: { a: [1, 'two'] }
		});
	});
});
