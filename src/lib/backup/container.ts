import * as v from 'valibot';
import {
	IV_BYTES,
	KEY_CHECK_BYTES,
	SALT_BYTES,
	TAG_BYTES,
	decryptChunk,
	deriveKeys,
	encryptChunk,
	fromHex,
	randomBytes,
	sameBytes,
	sha256,
	toHex
} from './crypto';
import { BackupError } from './errors';

/**
 * The backup file: one binary container, readable piece by piece, with photos stored as raw
 * bytes (no base64). All integers are big-endian.
 *
 *   prefix  = signature (8 bytes: 89 'HPBK' 0D 0A 1A) · format version (u16)
 *             · header length (u32) · header (JSON, cleartext)
 *   body    = manifest length (u32) · manifest (JSON) · data length (u32) · data (JSON)
 *             · SHA-256 of prefix + everything in the body so far (32 bytes)
 *             · blob 0 · blob 1 · …   (the images, back to back)
 *   file    = prefix · body                                  (plain)
 *           | prefix · AES-GCM(body) in chunks, see crypto.ts  (encrypted)
 *
 * The signature's first byte is not ASCII and its CR LF / 1A bytes get mangled by text-mode
 * transfers, so neither a text file nor a damaged copy passes for a backup (PNG's trick). The
 * header says whether the body is encrypted and with what salt, iterations and IV, so a reader
 * knows to ask for a passphrase before anything else. The data JSON lists every blob's size,
 * type and SHA-256; rows refer to blobs by index. The body digest and the blob digests catch any
 * changed byte of a plain file; in an encrypted file AES-GCM authentication does (and they are
 * checked again after decryption).
 */

export const BACKUP_FORMAT_VERSION = 1;
/** PBKDF2 iterations for new encrypted backups (OWASP's 2023 figure for PBKDF2-HMAC-SHA-256). */
export const PBKDF2_ITERATIONS = 600_000;
/** Plaintext bytes per encrypted chunk. */
export const CHUNK_BYTES = 1024 * 1024;
export const BACKUP_MIME_TYPE = 'application/octet-stream';

const SIGNATURE = new Uint8Array([0x89, 0x48, 0x50, 0x42, 0x4b, 0x0d, 0x0a, 0x1a]);
const FIXED_PREFIX_BYTES = SIGNATURE.length + 2 + 4;
const DIGEST_BYTES = 32;
const MAX_HEADER_BYTES = 4096;
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** JSON beyond this could not become one JavaScript string anyway. */
const MAX_DATA_BYTES = 256 * 1024 * 1024;
/** A hostile header could otherwise make the reader hash for hours. */
const MAX_ITERATIONS = 10_000_000;
const MIN_CHUNK_BYTES = 1024;
const MAX_CHUNK_BYTES = 64 * 1024 * 1024;

const hex = (bytes: number) => v.pipe(v.string(), v.regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`)));
const byteCount = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

const headerSchema = v.variant('encryption', [
	v.strictObject({ encryption: v.literal('none'), bodyLength: byteCount }),
	v.strictObject({
		encryption: v.literal('aes-256-gcm'),
		kdf: v.literal('pbkdf2-sha256'),
		iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ITERATIONS)),
		salt: hex(SALT_BYTES),
		iv: hex(IV_BYTES),
		keyCheck: hex(KEY_CHECK_BYTES),
		chunkSize: v.pipe(
			v.number(),
			v.integer(),
			v.minValue(MIN_CHUNK_BYTES),
			v.maxValue(MAX_CHUNK_BYTES)
		),
		bodyLength: byteCount
	})
]);
type Header = v.InferOutput<typeof headerSchema>;

const blobEntrySchema = v.strictObject({
	size: byteCount,
	// Blob types are printable ASCII (the File API empties any other).
	type: v.pipe(v.string(), v.regex(/^[\x20-\x7e]{0,255}$/)),
	sha256: hex(DIGEST_BYTES)
});
const dataSchema = v.strictObject({ tables: v.unknown(), blobs: v.array(blobEntrySchema) });

export interface ContainerContent {
	/** JSON-able; stored first, so it can be read without the rows. */
	manifest: unknown;
	/** JSON-able rows; blobs appear in them as references by index into `blobs`. */
	tables: unknown;
	blobs: readonly Blob[];
}

export interface ContainerOptions {
	/** Encrypts the body when given; must not be empty. */
	passphrase?: string;
	/** PBKDF2 iterations; tests pass fewer to run fast. Defaults to `PBKDF2_ITERATIONS`. */
	iterations?: number;
	/** Plaintext bytes per encrypted chunk; tests pass small ones. Defaults to `CHUNK_BYTES`. */
	chunkSize?: number;
}

const encoder = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

function uint32(value: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(4);
	new DataView(out.buffer).setUint32(0, value);
	return out;
}

function readUint32(bytes: Uint8Array, at: number): number {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at);
}

const chunkCount = (bodyLength: number, chunkSize: number) =>
	Math.max(1, Math.ceil(bodyLength / chunkSize));

function encodePrefix(header: Header): Uint8Array<ArrayBuffer> {
	const json = encoder.encode(JSON.stringify(header));
	const fixed = new Uint8Array(FIXED_PREFIX_BYTES);
	fixed.set(SIGNATURE);
	const view = new DataView(fixed.buffer);
	view.setUint16(SIGNATURE.length, BACKUP_FORMAT_VERSION);
	view.setUint32(SIGNATURE.length + 2, json.length);
	return concat([fixed, json]);
}

/**
 * Writes the container. Reads each blob twice (for its digest, then into the file) rather than
 * holding all of them at once; the result is a Blob assembled from parts, so a plain backup
 * references the photo Blobs instead of copying them.
 */
export async function writeContainer(
	content: ContainerContent,
	options: ContainerOptions = {}
): Promise<Blob> {
	const { passphrase, iterations = PBKDF2_ITERATIONS, chunkSize = CHUNK_BYTES } = options;
	if (passphrase !== undefined && passphrase.length === 0)
		throw new RangeError('an empty passphrase would not protect anything');
	if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
		throw new RangeError(`PBKDF2 iterations must be 1–${MAX_ITERATIONS}`);
	if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_BYTES || chunkSize > MAX_CHUNK_BYTES)
		throw new RangeError(`chunk size must be ${MIN_CHUNK_BYTES}–${MAX_CHUNK_BYTES} bytes`);
	const entries = [];
	for (const blob of content.blobs) {
		const digest = await sha256(new Uint8Array(await blob.arrayBuffer()));
		entries.push({ size: blob.size, type: blob.type, sha256: toHex(digest) });
	}
	const manifest = encoder.encode(JSON.stringify(content.manifest));
	const data = encoder.encode(JSON.stringify({ tables: content.tables, blobs: entries }));
	if (manifest.length > MAX_MANIFEST_BYTES || data.length > MAX_DATA_BYTES)
		throw new RangeError('more rows than one backup file can hold');
	const blobBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
	const bodyLength = 4 + manifest.length + 4 + data.length + DIGEST_BYTES + blobBytes;

	let header: Header;
	let encryption: { key: CryptoKey; iv: Uint8Array } | undefined;
	if (passphrase === undefined) {
		header = { encryption: 'none', bodyLength };
	} else {
		const salt = randomBytes(SALT_BYTES);
		const iv = randomBytes(IV_BYTES);
		const keys = await deriveKeys(passphrase, salt, iterations);
		encryption = { key: keys.key, iv };
		header = {
			encryption: 'aes-256-gcm',
			kdf: 'pbkdf2-sha256',
			iterations,
			salt: toHex(salt),
			iv: toHex(iv),
			keyCheck: toHex(keys.check),
			chunkSize,
			bodyLength
		};
	}
	const prefix = encodePrefix(header);
	const sections = concat([uint32(manifest.length), manifest, uint32(data.length), data]);
	const digest = await sha256(concat([prefix, sections]));
	const body: BlobPart[] = [sections, digest, ...content.blobs];
	if (!encryption) return new Blob([prefix, ...body], { type: BACKUP_MIME_TYPE });

	const plaintext = new Blob(body);
	const parts: BlobPart[] = [prefix];
	const count = chunkCount(bodyLength, chunkSize);
	for (let index = 0; index < count; index++) {
		const start = index * chunkSize;
		const piece = new Uint8Array(await plaintext.slice(start, start + chunkSize).arrayBuffer());
		const position = { prefix, iv: encryption.iv, index, last: index === count - 1 };
		parts.push(await encryptChunk(encryption.key, position, piece));
	}
	return new Blob(parts, { type: BACKUP_MIME_TYPE });
}

export interface ContainerRead {
	formatVersion: number;
	encrypted: boolean;
	manifest: unknown;
	tables: unknown;
	/** Verified against their digests, in the order rows refer to them. */
	blobs: Blob[];
}

/** Random access to the (decrypted) body. */
interface BodySource {
	length: number;
	read(offset: number, length: number): Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * Reads and verifies a container: signature, version, sizes, then the passphrase, every digest
 * and authentication tag. Throws a `BackupError`: `not-a-backup`, `newer-version`, `truncated`,
 * `corrupt`, `needs-passphrase` or `wrong-passphrase`. Size checks come before the passphrase,
 * so a cut-off file is reported as such without asking for one.
 */
export async function readContainer(file: Blob, passphrase?: string): Promise<ContainerRead> {
	const { formatVersion, header, prefix } = await readPrefix(file);
	const body =
		header.encryption === 'none'
			? plainBody(file, prefix, header.bodyLength)
			: await decryptedBody(file, prefix, header, passphrase);
	return {
		formatVersion,
		encrypted: header.encryption !== 'none',
		...(await readBody(body, prefix))
	};
}

async function readPrefix(file: Blob) {
	const head = new Uint8Array(
		await file.slice(0, FIXED_PREFIX_BYTES + MAX_HEADER_BYTES).arrayBuffer()
	);
	const known = Math.min(head.length, SIGNATURE.length);
	if (head.length === 0 || !sameBytes(head.subarray(0, known), SIGNATURE.subarray(0, known)))
		throw new BackupError('not-a-backup');
	if (head.length < FIXED_PREFIX_BYTES) throw new BackupError('truncated', 'in the signature');
	const view = new DataView(head.buffer);
	const formatVersion = view.getUint16(SIGNATURE.length);
	if (formatVersion === 0) throw new BackupError('corrupt', 'format version 0');
	if (formatVersion > BACKUP_FORMAT_VERSION)
		throw new BackupError('newer-version', `container format ${formatVersion}`);
	const headerLength = view.getUint32(SIGNATURE.length + 2);
	if (headerLength === 0 || headerLength > MAX_HEADER_BYTES)
		throw new BackupError('corrupt', `header length ${headerLength}`);
	if (head.length < FIXED_PREFIX_BYTES + headerLength)
		throw new BackupError('truncated', 'in the header');
	const prefix = head.slice(0, FIXED_PREFIX_BYTES + headerLength);
	const header = parseJson(prefix.subarray(FIXED_PREFIX_BYTES), 'header');
	const parsed = v.safeParse(headerSchema, header);
	if (!parsed.success) throw new BackupError('corrupt', `header: ${parsed.issues[0].message}`);
	return { formatVersion, header: parsed.output, prefix };
}

function expectFileSize(file: Blob, expected: number) {
	if (file.size < expected) throw new BackupError('truncated', `${file.size} of ${expected} bytes`);
	if (file.size > expected)
		throw new BackupError('corrupt', `${file.size - expected} bytes after the end`);
}

function plainBody(file: Blob, prefix: Uint8Array, bodyLength: number): BodySource {
	expectFileSize(file, prefix.length + bodyLength);
	return {
		length: bodyLength,
		read: async (offset, length) => {
			const start = prefix.length + offset;
			return new Uint8Array(await file.slice(start, start + length).arrayBuffer());
		}
	};
}

async function decryptedBody(
	file: Blob,
	prefix: Uint8Array,
	header: Extract<Header, { encryption: 'aes-256-gcm' }>,
	passphrase: string | undefined
): Promise<BodySource> {
	const { bodyLength, chunkSize } = header;
	const count = chunkCount(bodyLength, chunkSize);
	expectFileSize(file, prefix.length + bodyLength + count * TAG_BYTES);
	if (!passphrase) throw new BackupError('needs-passphrase');
	const keys = await deriveKeys(passphrase, fromHex(header.salt), header.iterations);
	if (!sameBytes(keys.check, fromHex(header.keyCheck))) throw new BackupError('wrong-passphrase');
	const iv = fromHex(header.iv);
	const plaintext = new Uint8Array(bodyLength);
	for (let index = 0; index < count; index++) {
		const plainStart = index * chunkSize;
		const plainLength = Math.min(chunkSize, bodyLength - plainStart);
		const start = prefix.length + index * (chunkSize + TAG_BYTES);
		const ciphertext = new Uint8Array(
			await file.slice(start, start + plainLength + TAG_BYTES).arrayBuffer()
		);
		const position = { prefix, iv, index, last: index === count - 1 };
		const chunk = await decryptChunk(keys.key, position, ciphertext);
		if (!chunk) throw new BackupError('corrupt', `chunk ${index} does not authenticate`);
		plaintext.set(chunk, plainStart);
	}
	return {
		length: bodyLength,
		read: async (offset, length) => plaintext.subarray(offset, offset + length)
	};
}

async function readBody(body: BodySource, prefix: Uint8Array) {
	if (body.length < 8 + DIGEST_BYTES) throw new BackupError('corrupt', 'body too short');
	const manifestLength = readUint32(await body.read(0, 4), 0);
	if (manifestLength > MAX_MANIFEST_BYTES || 8 + manifestLength + DIGEST_BYTES > body.length)
		throw new BackupError('corrupt', `manifest length ${manifestLength}`);
	const dataLength = readUint32(await body.read(4 + manifestLength, 4), 0);
	const sectionsEnd = 8 + manifestLength + dataLength;
	if (dataLength > MAX_DATA_BYTES || sectionsEnd + DIGEST_BYTES > body.length)
		throw new BackupError('corrupt', `data length ${dataLength}`);
	const sections = await body.read(0, sectionsEnd);
	const digest = await body.read(sectionsEnd, DIGEST_BYTES);
	if (!sameBytes(await sha256(concat([prefix, sections])), digest))
		throw new BackupError('corrupt', 'checksum of the manifest and rows');

	const manifest = parseJson(sections.subarray(4, 4 + manifestLength), 'manifest');
	const parsed = v.safeParse(dataSchema, parseJson(sections.subarray(8 + manifestLength), 'data'));
	if (!parsed.success) throw new BackupError('corrupt', `blob list: ${parsed.issues[0].message}`);
	const { tables, blobs: entries } = parsed.output;

	let offset = sectionsEnd + DIGEST_BYTES;
	const blobBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
	if (offset + blobBytes !== body.length)
		throw new BackupError('corrupt', 'the images do not fill the file exactly');
	const blobs: Blob[] = [];
	for (const [index, entry] of entries.entries()) {
		const bytes = await body.read(offset, entry.size);
		if (toHex(await sha256(bytes)) !== entry.sha256)
			throw new BackupError('corrupt', `checksum of image ${index}`);
		blobs.push(new Blob([bytes], { type: entry.type }));
		offset += entry.size;
	}
	return { manifest, tables, blobs };
}

function parseJson(bytes: Uint8Array, what: string): unknown {
	try {
		return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch (error) {
		throw new BackupError('corrupt', `${what} is not JSON`, { cause: error });
	}
}
