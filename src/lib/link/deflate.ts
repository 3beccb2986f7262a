/**
 * A small deflate-raw encoder (RFC 1951) with a preset dictionary, for link payloads.
 *
 * Why our own: a link is short, and most of its bytes are words and activity ids that every
 * program shares. Deflate can refer back to text that came before, but CompressionStream offers
 * no way to start from a shared dictionary. This encoder emits one dynamic-Huffman block whose
 * matches may reach back into the dictionary; the reader puts the same dictionary in front as a
 * stored block and lets the browser's own DecompressionStream inflate the whole thing
 * (see `dictionaryPrefix`). Pure: typed arrays only.
 */

const LENGTH_BASE = [
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258
];
const LENGTH_EXTRA = [
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0
];
const DIST_BASE = [
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577
];
const DIST_EXTRA = [
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13
];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const WINDOW = 32768;
const MIN_MATCH = 3;
const MAX_MATCH = 258;
const MAX_CHAIN = 512;

const findCode = (bases: number[], value: number) => {
	let code = bases.length - 1;
	while (bases[code] > value) code--;
	return code;
};

class BitWriter {
	bytes: number[] = [];
	#bits = 0;
	#count = 0;

	write(value: number, count: number) {
		this.#bits |= value << this.#count;
		this.#count += count;
		while (this.#count >= 8) {
			this.bytes.push(this.#bits & 0xff);
			this.#bits >>>= 8;
			this.#count -= 8;
		}
	}

	/** A Huffman code goes in most significant bit first. */
	writeCode(code: number, length: number) {
		let reversed = 0;
		for (let i = 0; i < length; i++) reversed |= ((code >> i) & 1) << (length - 1 - i);
		this.write(reversed, length);
	}

	finish() {
		if (this.#count > 0) this.bytes.push(this.#bits & 0xff);
		return new Uint8Array(this.bytes);
	}
}

/**
 * Code lengths no longer than `limit` for the given symbol frequencies (package-merge, which is
 * optimal). At least two symbols always get a code, so every tree is complete.
 */
export function codeLengths(frequencies: number[], limit: number): number[] {
	const used = frequencies.map((f, symbol) => ({ f, symbol })).filter((s) => s.f > 0);
	for (let symbol = 0; used.length < 2; symbol++)
		if (!used.some((s) => s.symbol === symbol)) used.push({ f: 1, symbol });
	const lengths = new Array<number>(frequencies.length).fill(0);
	type Item = { weight: number; symbols: number[] };
	const leaves: Item[] = used
		.map((s) => ({ weight: s.f, symbols: [s.symbol] }))
		.sort((a, b) => a.weight - b.weight);
	let list: Item[] = leaves;
	for (let level = 1; level < limit; level++) {
		const packaged: Item[] = [];
		for (let i = 0; i + 1 < list.length; i += 2)
			packaged.push({
				weight: list[i].weight + list[i + 1].weight,
				symbols: [...list[i].symbols, ...list[i + 1].symbols]
			});
		list = [...leaves, ...packaged].sort((a, b) => a.weight - b.weight);
	}
	for (const item of list.slice(0, 2 * used.length - 2))
		for (const symbol of item.symbols) lengths[symbol]++;
	return lengths;
}

/** Canonical Huffman codes for the given lengths (RFC 1951, 3.2.2). */
function canonicalCodes(lengths: number[]): number[] {
	const maxLength = Math.max(...lengths);
	const count = new Array<number>(maxLength + 1).fill(0);
	for (const length of lengths) if (length) count[length]++;
	const next = new Array<number>(maxLength + 2).fill(0);
	let code = 0;
	for (let bits = 1; bits <= maxLength; bits++) {
		code = (code + count[bits - 1]) << 1;
		next[bits] = code;
	}
	return lengths.map((length) => (length ? next[length]++ : 0));
}

type Token = { literal: number } | { length: number; distance: number };

/** Greedy LZ77 with one step of lazy matching, over dictionary + input. */
function tokenize(dictionary: Uint8Array, input: Uint8Array): Token[] {
	const data = new Uint8Array(dictionary.length + input.length);
	data.set(dictionary);
	data.set(input, dictionary.length);
	const head = new Map<number, number>();
	const previous = new Int32Array(data.length).fill(-1);
	const hashAt = (i: number) => (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
	const insert = (i: number) => {
		if (i + MIN_MATCH > data.length) return;
		const hash = hashAt(i);
		previous[i] = head.get(hash) ?? -1;
		head.set(hash, i);
	};
	const longest = (i: number) => {
		let best = { length: 0, distance: 0 };
		if (i + MIN_MATCH > data.length) return best;
		const limit = Math.min(MAX_MATCH, data.length - i);
		let candidate = head.get(hashAt(i)) ?? -1;
		for (let chain = 0; candidate >= 0 && chain < MAX_CHAIN; chain++) {
			const distance = i - candidate;
			if (distance > WINDOW) break;
			let length = 0;
			while (length < limit && data[candidate + length] === data[i + length]) length++;
			if (length > best.length) {
				best = { length, distance };
				if (length === limit) break;
			}
			candidate = previous[candidate];
		}
		return best;
	};

	for (let i = 0; i < dictionary.length; i++) insert(i);
	const tokens: Token[] = [];
	let i = dictionary.length;
	while (i < data.length) {
		const match = longest(i);
		if (match.length >= MIN_MATCH) {
			insert(i);
			const next = longest(i + 1);
			if (next.length > match.length + 1) {
				tokens.push({ literal: data[i] });
				i++;
				continue;
			}
			tokens.push(match);
			for (let j = 1; j < match.length; j++) insert(i + j);
			i += match.length;
		} else {
			tokens.push({ literal: data[i] });
			insert(i);
			i++;
		}
	}
	return tokens;
}

/** Run-length codes (16, 17, 18) for a sequence of code lengths. */
function runLengths(lengths: number[]) {
	const out: { symbol: number; extra?: number; bits?: number }[] = [];
	for (let i = 0; i < lengths.length;) {
		const value = lengths[i];
		let run = 1;
		while (i + run < lengths.length && lengths[i + run] === value) run++;
		if (value === 0 && run >= 3) {
			const n = Math.min(run, 138);
			out.push(
				n >= 11 ? { symbol: 18, extra: n - 11, bits: 7 } : { symbol: 17, extra: n - 3, bits: 3 }
			);
			i += n;
		} else if (value !== 0 && run >= 4) {
			out.push({ symbol: value });
			const n = Math.min(run - 1, 6);
			out.push({ symbol: 16, extra: n - 3, bits: 2 });
			i += n + 1;
		} else {
			out.push({ symbol: value });
			i++;
		}
	}
	return out;
}

/** Compresses `input` as one final dynamic-Huffman block that may refer back into `dictionary`. */
export function deflateWithDictionary(input: Uint8Array, dictionary: Uint8Array): Uint8Array {
	if (dictionary.length > WINDOW) throw new Error('dictionary larger than the deflate window');
	const tokens = tokenize(dictionary, input);

	const litFreq = new Array<number>(286).fill(0);
	const distFreq = new Array<number>(30).fill(0);
	for (const token of tokens) {
		if ('literal' in token) litFreq[token.literal]++;
		else {
			litFreq[257 + findCode(LENGTH_BASE, token.length)]++;
			distFreq[findCode(DIST_BASE, token.distance)]++;
		}
	}
	litFreq[256] = 1;

	const litLengths = codeLengths(litFreq, 15);
	const distLengths = codeLengths(distFreq, 15);
	let hlit = 286;
	while (hlit > 257 && litLengths[hlit - 1] === 0) hlit--;
	let hdist = 30;
	while (hdist > 1 && distLengths[hdist - 1] === 0) hdist--;

	const runs = runLengths([...litLengths.slice(0, hlit), ...distLengths.slice(0, hdist)]);
	const clFreq = new Array<number>(19).fill(0);
	for (const run of runs) clFreq[run.symbol]++;
	const clLengths = codeLengths(clFreq, 7);
	let hclen = 19;
	while (hclen > 4 && clLengths[CODE_LENGTH_ORDER[hclen - 1]] === 0) hclen--;

	const litCodes = canonicalCodes(litLengths);
	const distCodes = canonicalCodes(distLengths);
	const clCodes = canonicalCodes(clLengths);

	const out = new BitWriter();
	out.write(1, 1); // final block
	out.write(2, 2); // dynamic Huffman
	out.write(hlit - 257, 5);
	out.write(hdist - 1, 5);
	out.write(hclen - 4, 4);
	for (let i = 0; i < hclen; i++) out.write(clLengths[CODE_LENGTH_ORDER[i]], 3);
	for (const run of runs) {
		out.writeCode(clCodes[run.symbol], clLengths[run.symbol]);
		if (run.bits) out.write(run.extra!, run.bits);
	}
	for (const token of tokens) {
		if ('literal' in token) {
			out.writeCode(litCodes[token.literal], litLengths[token.literal]);
			continue;
		}
		const lengthCode = findCode(LENGTH_BASE, token.length);
		out.writeCode(litCodes[257 + lengthCode], litLengths[257 + lengthCode]);
		if (LENGTH_EXTRA[lengthCode])
			out.write(token.length - LENGTH_BASE[lengthCode], LENGTH_EXTRA[lengthCode]);
		const distCode = findCode(DIST_BASE, token.distance);
		out.writeCode(distCodes[distCode], distLengths[distCode]);
		if (DIST_EXTRA[distCode]) out.write(token.distance - DIST_BASE[distCode], DIST_EXTRA[distCode]);
	}
	out.writeCode(litCodes[256], litLengths[256]);
	return out.finish();
}

/**
 * The dictionary as a stored (uncompressed, non-final) deflate block. Put in front of the
 * encoder's output, it gives a standard inflater the window the encoder assumed; the inflated
 * text then starts with the dictionary, which the reader drops.
 */
export function dictionaryPrefix(dictionary: Uint8Array): Uint8Array {
	const length = dictionary.length;
	const prefix = new Uint8Array(5 + length);
	prefix.set([0x00, length & 0xff, length >> 8, ~length & 0xff, (~length >> 8) & 0xff]);
	prefix.set(dictionary, 5);
	return prefix;
}
