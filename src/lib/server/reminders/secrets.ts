import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A subscription id: 128 random bits, base64url (22 characters). */
export function newSubscriptionId(): string {
	return randomBytes(16).toString('base64url');
}

/** A subscription secret: 256 random bits, base64url (43 characters). Shown to the client once. */
export function newSecret(): string {
	return randomBytes(32).toString('base64url');
}

export const SUBSCRIPTION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * What the store keeps instead of the secret. A plain SHA-256 is enough: the secret is 256
 * random bits, so there is nothing to guess, and it keeps every request cheap.
 */
export function hashSecret(secret: string): Buffer {
	return createHash('sha256').update(secret, 'utf8').digest();
}

// Compared against when the id is unknown, so that both paths do the same work.
const DECOY_HASH = hashSecret(newSecret());

/** The secret from an `Authorization: Bearer <secret>` header, or `undefined`. */
export function bearerSecret(header: string | null): string | undefined {
	const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(header?.trim() ?? '');
	return match && SECRET_PATTERN.test(match[1]) ? match[1] : undefined;
}

/** Constant-time check of a presented secret against the stored hash (or a decoy when absent). */
export function secretMatches(secret: string, storedHash: Uint8Array | undefined): boolean {
	const presented = hashSecret(secret);
	const expected =
		storedHash && storedHash.byteLength === presented.byteLength ? storedHash : DECOY_HASH;
	return timingSafeEqual(presented, expected) && expected !== DECOY_HASH;
}
