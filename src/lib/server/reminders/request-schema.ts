import * as v from 'valibot';
import type { SkipBody, SubscriptionBody, TestBody } from '$lib/reminders/types';
import { isKnownTimeZone } from './local-time';
import { pushEndpointProblem } from './push-endpoint';

/**
 * Request bodies of the reminder API. Every object is strict: a field the API does not know
 * (a child's name, a goal…) fails the request instead of being dropped or stored.
 */

export const MAX_REMINDERS = 10;
export const MAX_TIMES_PER_REMINDER = 12;

const TAG = /^[A-Za-z0-9_-]{16,64}$/;

const tagSchema = v.pipe(
	v.string(),
	v.regex(TAG, 'A tag is 16–64 random characters of A–Z, a–z, 0–9, _ and -.')
);

const dateSchema = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is yyyy-MM-dd.'),
	v.check(isCalendarDate, 'No such date.')
);

const timeSchema = v.strictObject({
	time: v.pipe(v.string(), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time is HH:mm (00:00–23:59).')),
	days: v.pipe(
		v.array(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(6))),
		v.minLength(1, 'Pick at least one day.'),
		v.check((days) => new Set(days).size === days.length, 'A day is listed twice.')
	)
});

const reminderSchema = v.strictObject({
	tag: tagSchema,
	times: v.pipe(v.array(timeSchema), v.maxLength(MAX_TIMES_PER_REMINDER)),
	pausedUntil: v.optional(dateSchema)
});

/** A base64url key that decodes to `bytes` bytes; padding, if any, is dropped. */
function keySchema(bytes: number, firstByte?: number) {
	return v.pipe(
		v.string(),
		v.maxLength(128),
		v.regex(/^[A-Za-z0-9_-]+={0,2}$/, 'A key is base64url.'),
		v.transform((key) => key.replace(/=+$/, '')),
		v.check((key) => {
			const decoded = Buffer.from(key, 'base64url');
			return decoded.length === bytes && (firstByte === undefined || decoded[0] === firstByte);
		}, `A key of ${bytes} bytes is expected.`)
	);
}

/** The create/update body; `allowList` holds the push hosts endpoints may point at. */
export function subscriptionBodySchema(allowList: string[]) {
	return v.strictObject({
		subscription: v.strictObject({
			endpoint: v.pipe(
				v.string(),
				v.maxLength(2048),
				v.rawCheck(({ dataset, addIssue }) => {
					if (!dataset.typed) return;
					const problem = pushEndpointProblem(dataset.value, allowList);
					if (problem) addIssue({ message: problem });
				})
			),
			keys: v.strictObject({
				// An uncompressed P-256 point, and the 16-byte authentication secret (RFC 8291).
				p256dh: keySchema(65, 0x04),
				auth: keySchema(16)
			})
		}),
		timeZone: v.pipe(
			v.string(),
			v.maxLength(64),
			v.check(isKnownTimeZone, 'Unknown IANA time zone.')
		),
		reminders: v.pipe(
			v.array(reminderSchema),
			v.maxLength(MAX_REMINDERS),
			v.check(
				(reminders) => new Set(reminders.map((r) => r.tag)).size === reminders.length,
				'A tag is listed twice.'
			)
		)
	});
}

export const skipBodySchema = v.strictObject({ tag: tagSchema, date: dateSchema });

export const testBodySchema = v.strictObject({ tag: tagSchema });

// The schemas and the shared wire types must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const typesAgree: [
	Same<v.InferOutput<ReturnType<typeof subscriptionBodySchema>>, SubscriptionBody>,
	Same<v.InferOutput<typeof skipBodySchema>, SkipBody>,
	Same<v.InferOutput<typeof testBodySchema>, TestBody>
] = [true, true, true];
void typesAgree;

/** Whether `yyyy-MM-dd` names a real day (no 31 April). */
export function isCalendarDate(value: string): boolean {
	const [year, month, day] = value.split('-').map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** A short, readable account of why a body was refused (at most three problems). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
	return issues
		.slice(0, 3)
		.map((issue) => {
			const path = v.getDotPath(issue);
			return path ? `${path}: ${issue.message}` : issue.message;
		})
		.join('; ');
}
