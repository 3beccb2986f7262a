/**
 * The wire format of the reminder API, shared by the browser client and the server.
 *
 * Nothing here may describe the child: a reminder is an opaque random `tag`, clock times and
 * weekdays. The server rejects any other field.
 */

/** `HH:mm`, 24-hour clock, in the subscription's time zone. */
export type ClockTime = string;
/** `yyyy-MM-dd`, a calendar date in the subscription's time zone. */
export type LocalDate = string;

/** One clock time on some weekdays (0 = Sunday … 6 = Saturday). */
export interface ReminderTimeInput {
	time: ClockTime;
	days: number[];
}

/** The reminders of one child, known to the server only by a random tag. */
export interface ReminderInput {
	/** 16–64 characters of `A–Z a–z 0–9 _ -`, random (e.g. `crypto.randomUUID()`), never a name. */
	tag: string;
	times: ReminderTimeInput[];
	/** No reminder is sent on dates before this one; they resume on this date. */
	pausedUntil?: LocalDate;
}

/** The parts of a browser `PushSubscription` the server needs. */
export interface PushSubscriptionInput {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

/** Body of `POST /api/subscriptions` and `PUT /api/subscriptions/[id]`. */
export interface SubscriptionBody {
	subscription: PushSubscriptionInput;
	/** IANA time zone, e.g. `Intl.DateTimeFormat().resolvedOptions().timeZone`. */
	timeZone: string;
	reminders: ReminderInput[];
}

/** Body of `POST /api/subscriptions/[id]/skip`. */
export interface SkipBody {
	tag: string;
	date: LocalDate;
}

/** Body of `POST /api/subscriptions/[id]/test`. */
export interface TestBody {
	tag: string;
}

/** Answer to a successful create; the secret is shown this once and never again. */
export interface CreatedSubscription {
	id: string;
	secret: string;
}

/** The JSON carried by every reminder push: generic text, nothing about the child. */
export interface ReminderPushPayload {
	title: string;
	body: string;
	url: string;
	tag: string;
}
