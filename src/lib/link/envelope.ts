import { deflateWithDictionary, dictionaryPrefix } from './deflate';
import { DICTIONARY_1 } from './dictionary';

/**
 * The envelope of every Homeplay link payload (program `/p#…`, report `/r#…`):
 *
 *   base64url( kind byte · (format version << 4 | dictionary) byte · deflate-raw(JSON)
 *              · CRC-32 of everything before it (4 bytes, big-endian) )
 *
 * Dictionary 0: plain deflate-raw from CompressionStream. Dictionary 1: deflate-raw whose
 * matches may reach back into DICTIONARY_1 (see deflate.ts). The encoder makes both and keeps
 * the shorter; DecompressionStream reads either.
 *
 * Pure: uses only CompressionStream, TextEncoder and typed arrays (browsers and Node alike).
 * Decoding never trusts its input: the checksum must match before anything is inflated, and
 * sizes are capped before and during inflation.
 */

export type LinkKind = 'program' | 'report';

const KIND_BYTES: Record<LinkKind, number> = { program: 0x70, report: 0x72 };

/** The largest payload accepted, in characters (64 KB). */
export const MAX_PAYLOAD_CHARS = 64 * 1024;
/** The most bytes inflation may produce: a guard against compression bombs. */
const MAX_JSON_BYTES = 512 * 1024;

export type LinkProblem =
	'empty' | 'too-long' | 'not-a-link' | 'wrong-kind' | 'newer-format' | 'damaged' | 'invalid';

/** Why a link cannot be read; `problem` picks the message shown to the family. */
export class LinkError extends Error {
	constructor(
		readonly problem: LinkProblem,
		detail?: string
	) {
		super(detail ? `${problem}: ${detail}` : problem);
		this.name = 'LinkError';
	}
}

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

export function crc32(bytes: Uint8Array): number {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((char, i) => [char, i]));

export function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
		const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
		for (let j = 0; j < chars; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
	}
	return out;
}

/** Strict base64url (no padding, no other characters); undefined for anything else. */
export function fromBase64Url(text: string): Uint8Array | undefined {
	if (text.length % 4 === 1) return undefined;
	const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
	let buffer = 0;
	let bits = 0;
	let at = 0;
	for (const char of text) {
		const value = LOOKUP.get(char);
		if (value === undefined) return undefined;
		buffer = ((buffer << 6) | value) & 0xffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			bytes[at++] = (buffer >> bits) & 0xff;
		}
	}
	// Leftover bits must be zero, or two texts would decode to the same bytes.
	if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
	return bytes;
}

async function pipe(bytes: Uint8Array, stream: GenericTransformStream, limit = Infinity) {
	const writer = stream.writable.getWriter();
	void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
	void writer.close().catch(() => {});
	const reader = (stream.readable as ReadableStream<Uint8Array>).getReader();
	const chunks: Uint8Array[] = [];
	let length = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		length += value.length;
		if (length > limit) {
			await reader.cancel();
			throw new LinkError('too-long', 'inflates past the limit');
		}
		chunks.push(value);
	}
	const out = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

const DICTIONARIES: Record<number, Uint8Array> = { 1: new TextEncoder().encode(DICTIONARY_1) };

/** Packs a JSON-able value into a link payload. */
export async function encodeEnvelope(kind: LinkKind, version: number, value: unknown) {
	if (!Number.isInteger(version) || version < 1 || version > 15)
		throw new Error('format version must be 1–15');
	const json = new TextEncoder().encode(JSON.stringify(value));
	let compressed: Uint8Array = await pipe(json, new CompressionStream('deflate-raw'));
	let dictionary = 0;
	if (json.length + DICTIONARIES[1].length <= 32768) {
		const withDictionary = deflateWithDictionary(json, DICTIONARIES[1]);
		if (withDictionary.length < compressed.length) {
			compressed = withDictionary;
			dictionary = 1;
		}
	}
	const bytes = new Uint8Array(2 + compressed.length + 4);
	bytes[0] = KIND_BYTES[kind];
	bytes[1] = (version << 4) | dictionary;
	bytes.set(compressed, 2);
	const body = bytes.subarray(0, bytes.length - 4);
	new DataView(bytes.buffer).setUint32(bytes.length - 4, crc32(body));
	return toBase64Url(bytes);
}

/**
 * Unpacks a link payload into parsed JSON and its format version, or throws LinkError.
 * `maxVersion` is the newest format this app understands.
 */
export async function decodeEnvelope(
	kind: LinkKind,
	maxVersion: number,
	payload: string
): Promise<{ version: number; value: unknown }> {
	const text = payload.trim();
	if (!text) throw new LinkError('empty');
	if (text.length > MAX_PAYLOAD_CHARS) throw new LinkError('too-long');
	const bytes = fromBase64Url(text);
	if (!bytes || bytes.length < 7) throw new LinkError('not-a-link');
	if (bytes[0] !== KIND_BYTES[kind]) {
		const other = Object.values(KIND_BYTES).includes(bytes[0]);
		throw new LinkError(other ? 'wrong-kind' : 'not-a-link');
	}
	const version = bytes[1] >> 4;
	const dictionary = bytes[1] & 0x0f;
	if (version === 0) throw new LinkError('not-a-link');
	if (version > maxVersion) throw new LinkError('newer-format', `format ${version}`);
	if (dictionary !== 0 && !DICTIONARIES[dictionary]) throw new LinkError('damaged', 'dictionary');
	const body = bytes.subarray(0, bytes.length - 4);
	if (crc32(body) !== new DataView(bytes.buffer).getUint32(bytes.length - 4))
		throw new LinkError('damaged', 'checksum mismatch');
	let json: Uint8Array;
	try {
		const prefix = dictionary ? dictionaryPrefix(DICTIONARIES[dictionary]) : new Uint8Array();
		const stream = new Uint8Array(prefix.length + body.length - 2);
		stream.set(prefix);
		stream.set(body.subarray(2), prefix.length);
		const skip = dictionary ? DICTIONARIES[dictionary].length : 0;
		const inflated = await pipe(
			stream,
			new DecompressionStream('deflate-raw'),
			MAX_JSON_BYTES + skip
		);
		json = inflated.subarray(skip);
	} catch (error) {
		if (error instanceof LinkError) throw error;
		throw new LinkError('damaged', 'does not inflate');
	}
	try {
		return { version, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) };
	} catch {
		throw new LinkError('damaged', 'not JSON');
	}
}
