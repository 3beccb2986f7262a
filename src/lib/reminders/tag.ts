/**
 * The opaque tag the reminder server knows one child's reminders by. It is random (144 bits from
 * the browser's CSPRNG) and never derived from anything about the child, so the server cannot
 * link it to a name, an id or another device's data.
 */

const TAG_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/** A new random tag: 18 random bytes as base64url, 24 characters. */
export function newReminderTag(
	fill: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> = (bytes) =>
		crypto.getRandomValues(bytes)
): string {
	const bytes = fill(new Uint8Array(18));
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Whether `value` has the shape the server accepts for a tag. */
export const isReminderTag = (value: unknown): value is string =>
	typeof value === 'string' && TAG_PATTERN.test(value);
