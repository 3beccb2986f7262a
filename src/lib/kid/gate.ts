/**
 * The parent gate keeps a child in kid mode: leaving or editing needs a grown-up. Either a
 * 4-digit PIN the parent set — kept only as a salted PBKDF2 hash — or, without a PIN, holding a
 * button for three seconds and then answering a simple sum.
 */

export interface PinHash {
	salt: string;
	hash: string;
	iterations: number;
}

export const HOLD_MS = 3000;
const ITERATIONS = 100_000;

const toHex = (bytes: ArrayBuffer | Uint8Array) =>
	[...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (hex: string) => new Uint8Array(hex.match(/../g)!.map((h) => parseInt(h, 16)));

export const isPin = (pin: string) => /^\d{4}$/.test(pin);

async function derive(pin: string, salt: Uint8Array, iterations: number) {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	return crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
		key,
		256
	);
}

export async function hashPin(pin: string, iterations = ITERATIONS): Promise<PinHash> {
	if (!isPin(pin)) throw new Error('A PIN is four digits');
	const salt = crypto.getRandomValues(new Uint8Array(16));
	return { salt: toHex(salt), hash: toHex(await derive(pin, salt, iterations)), iterations };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
	if (!isPin(pin)) return false;
	const candidate = toHex(await derive(pin, fromHex(stored.salt), stored.iterations));
	// Same length always; compare every character so timing says nothing.
	let diff = 0;
	for (let i = 0; i < candidate.length; i++)
		diff |= candidate.charCodeAt(i) ^ stored.hash.charCodeAt(i);
	return diff === 0 && candidate.length === stored.hash.length;
}

export interface Sum {
	a: number;
	b: number;
	answer: number;
}

/** A sum a grown-up answers at a glance and a young child cannot yet: two numbers 6–19. */
export function newSum(random = Math.random): Sum {
	const a = 6 + Math.floor(random() * 14);
	const b = 6 + Math.floor(random() * 14);
	return { a, b, answer: a + b };
}
