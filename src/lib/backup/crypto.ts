/**
 * The cryptography of encrypted backups, on WebCrypto only (browsers and Node alike).
 *
 * Key: PBKDF2-SHA-256(passphrase in Unicode NFC, random 16-byte salt, ≥ 600,000 iterations)
 * gives 32 bytes; HKDF-SHA-256 splits them into the AES-GCM-256 key and a 16-byte key check
 * stored in the header. The check lets a wrong passphrase be told apart from a damaged file; it
 * helps no attacker, who can test a guess against the first chunk's tag at the same cost.
 * (HKDF rather than a longer PBKDF2 output: asking PBKDF2 for 64 bytes would double the
 * family's work and not the attacker's.)
 *
 * Body: AES-GCM per chunk (the STREAM construction). Chunk i uses the header's random 12-byte
 * IV with i XORed into its last four bytes, and authenticates the file prefix (signature,
 * version, header), its index and whether it is the last chunk — so a changed header,
 * reordered, dropped or appended chunks all fail authentication.
 */

export const SALT_BYTES = 16;
export const IV_BYTES = 12;
export const KEY_CHECK_BYTES = 16;
export const TAG_BYTES = 16;

const encoder = new TextEncoder();
const subtle = () => globalThis.crypto.subtle;

export interface BackupKeys {
	key: CryptoKey;
	check: Uint8Array<ArrayBuffer>;
}

/** Derives the AES key and key check from a passphrase. Costs ~0.5 s at 600,000 iterations. */
export async function deriveKeys(
	passphrase: string,
	salt: Uint8Array<ArrayBuffer>,
	iterations: number
): Promise<BackupKeys> {
	const material = await subtle().importKey(
		'raw',
		encoder.encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const master = await subtle().deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		material,
		256
	);
	const hkdf = await subtle().importKey('raw', master, 'HKDF', false, ['deriveKey', 'deriveBits']);
	const info = (purpose: string) => ({
		name: 'HKDF',
		hash: 'SHA-256',
		salt: new Uint8Array(0),
		info: encoder.encode(`homeplay-backup/1 ${purpose}`)
	});
	const key = await subtle().deriveKey(
		info('aes-256-gcm'),
		hkdf,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
	const check = new Uint8Array(
		await subtle().deriveBits(info('key-check'), hkdf, KEY_CHECK_BYTES * 8)
	);
	return { key, check };
}

function nonce(iv: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(iv);
	const view = new DataView(out.buffer);
	view.setUint32(IV_BYTES - 4, view.getUint32(IV_BYTES - 4) ^ index);
	return out;
}

function associatedData(prefix: Uint8Array, index: number, last: boolean) {
	const out = new Uint8Array(prefix.length + 5);
	out.set(prefix);
	new DataView(out.buffer).setUint32(prefix.length, index);
	out[prefix.length + 4] = last ? 1 : 0;
	return out;
}

export interface ChunkPosition {
	/** The file's bytes before the first chunk: signature, version and header. */
	prefix: Uint8Array;
	iv: Uint8Array;
	index: number;
	last: boolean;
}

export async function encryptChunk(
	key: CryptoKey,
	at: ChunkPosition,
	plaintext: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer>> {
	const ciphertext = await subtle().encrypt(
		{
			name: 'AES-GCM',
			iv: nonce(at.iv, at.index),
			additionalData: associatedData(at.prefix, at.index, at.last),
			tagLength: TAG_BYTES * 8
		},
		key,
		plaintext
	);
	return new Uint8Array(ciphertext);
}

/** The plaintext, or undefined when the chunk does not authenticate. */
export async function decryptChunk(
	key: CryptoKey,
	at: ChunkPosition,
	ciphertext: Uint8Array<ArrayBuffer>
): Promise<Uint8Array<ArrayBuffer> | undefined> {
	try {
		const plaintext = await subtle().decrypt(
			{
				name: 'AES-GCM',
				iv: nonce(at.iv, at.index),
				additionalData: associatedData(at.prefix, at.index, at.last),
				tagLength: TAG_BYTES * 8
			},
			key,
			ciphertext
		);
		return new Uint8Array(plaintext);
	} catch {
		return undefined;
	}
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
	return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

export function toHex(bytes: Uint8Array): string {
	let out = '';
	for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
	return out;
}

export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(hex.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
	return difference === 0;
}
