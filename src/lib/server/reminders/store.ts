import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ReminderInput } from '$lib/reminders/types';

/**
 * The reminder store: SQLite in WAL mode. It holds push subscriptions (endpoint and keys, a
 * hash of the client's secret, a time zone), reminder times under opaque tags, skipped days and
 * a log of deliveries. Nothing else: CHECK constraints refuse text that is not shaped like a
 * tag, a time or a date, so free text from a client cannot land here even by mistake.
 */

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`. Append, never edit:
 * a database at version n runs migrations n+1… on open.
 */
const MIGRATIONS: string[] = [
	`
	CREATE TABLE subscriptions (
		id TEXT PRIMARY KEY CHECK (id GLOB '[A-Za-z0-9_-]*' AND length(id) = 22),
		secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
		endpoint TEXT NOT NULL CHECK (endpoint GLOB 'https://*'),
		p256dh TEXT NOT NULL CHECK (p256dh NOT GLOB '*[^A-Za-z0-9_-]*'),
		auth TEXT NOT NULL CHECK (auth NOT GLOB '*[^A-Za-z0-9_-]*'),
		time_zone TEXT NOT NULL CHECK (time_zone NOT GLOB '*[^A-Za-z0-9_/+-]*')
	) STRICT;
	CREATE INDEX subscriptions_by_endpoint ON subscriptions (endpoint);

	CREATE TABLE reminders (
		subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
		tag TEXT NOT NULL CHECK (tag NOT GLOB '*[^A-Za-z0-9_-]*' AND length(tag) BETWEEN 16 AND 64),
		paused_until TEXT CHECK (paused_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
		PRIMARY KEY (subscription_id, tag)
	) STRICT, WITHOUT ROWID;

	-- One row per weekday and time. The time zone is repeated here so that "who is due at
	-- 18:30 on a Monday in Europe/Berlin" is a single index range.
	CREATE TABLE reminder_times (
		subscription_id TEXT NOT NULL,
		tag TEXT NOT NULL,
		time_zone TEXT NOT NULL,
		weekday INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
		time TEXT NOT NULL CHECK (time GLOB '[0-2][0-9]:[0-5][0-9]'),
		PRIMARY KEY (subscription_id, tag, weekday, time),
		FOREIGN KEY (subscription_id, tag) REFERENCES reminders (subscription_id, tag)
			ON DELETE CASCADE
	) STRICT, WITHOUT ROWID;
	CREATE INDEX reminder_times_due ON reminder_times (time_zone, weekday, time);

	CREATE TABLE skips (
		subscription_id TEXT NOT NULL,
		tag TEXT NOT NULL,
		local_date TEXT NOT NULL CHECK (local_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
		PRIMARY KEY (subscription_id, tag, local_date),
		FOREIGN KEY (subscription_id, tag) REFERENCES reminders (subscription_id, tag)
			ON DELETE CASCADE
	) STRICT, WITHOUT ROWID;

	-- The key is the reminder itself: a second send of the same reminder cannot be recorded,
	-- and a reminder is recorded (claimed) before it is sent.
	CREATE TABLE deliveries (
		subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
		tag TEXT NOT NULL,
		local_date TEXT NOT NULL,
		time TEXT NOT NULL,
		due_at INTEGER NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
		PRIMARY KEY (subscription_id, tag, local_date, time)
	) STRICT, WITHOUT ROWID;
	CREATE INDEX deliveries_by_due_at ON deliveries (due_at);

	CREATE TABLE scheduler_state (
		key TEXT PRIMARY KEY,
		value INTEGER NOT NULL
	) STRICT, WITHOUT ROWID;
	`
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export interface NewSubscription {
	id: string;
	secretHash: Uint8Array;
	endpoint: string;
	p256dh: string;
	auth: string;
	timeZone: string;
	reminders: ReminderInput[];
}

export interface PushTarget {
	endpoint: string;
	keys: { p256dh: string; auth: string };
}

export interface SubscriptionRecord extends PushTarget {
	id: string;
	timeZone: string;
	tags: string[];
}

/** A span of local clock times on one calendar date, to look up reminders in. */
export interface DueRange {
	date: string;
	weekday: number;
	firstTime: string;
	lastTime: string;
}

/** One reminder occurrence: a subscription's tag at a local date and time. */
export interface DeliveryKey {
	subscriptionId: string;
	tag: string;
	localDate: string;
	time: string;
}

export interface DueReminder extends DeliveryKey {
	dueAt: number;
	target: PushTarget;
}

export type DeliveryStatus = 'sent' | 'failed';

interface DueRow {
	subscriptionId: string;
	tag: string;
	time: string;
	endpoint: string;
	p256dh: string;
	auth: string;
}

const COVERED_UNTIL = 'covered_until';

/** Opens (creating if needed) the reminder database at `path` and brings its schema up to date. */
export function openReminderStore(path: string): ReminderStore {
	mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
	return new ReminderStore(new Database(path));
}

export class ReminderStore {
	readonly #db: Database.Database;
	readonly #statements;

	constructor(db: Database.Database) {
		this.#db = db;
		db.pragma('journal_mode = WAL');
		// In WAL mode NORMAL is durable across crashes of the process, and commits stay cheap.
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
		// Deleted subscriptions are overwritten, not left readable in free pages.
		db.pragma('secure_delete = ON');
		migrate(db);
		this.#statements = prepareStatements(db);
	}

	/** Runs `work` in one transaction (all or nothing, and one commit for many writes). */
	transaction<T>(work: () => T): T {
		return this.#db.transaction(work)();
	}

	subscriptionCount(): number {
		return (this.#statements.countSubscriptions.get() as { n: number }).n;
	}

	createSubscription(subscription: NewSubscription): void {
		const s = this.#statements;
		this.transaction(() => {
			s.insertSubscription.run({
				id: subscription.id,
				secretHash: Buffer.from(subscription.secretHash),
				endpoint: subscription.endpoint,
				p256dh: subscription.p256dh,
				auth: subscription.auth,
				timeZone: subscription.timeZone
			});
			this.#writeReminders(subscription.id, subscription.timeZone, subscription.reminders);
		});
	}

	/**
	 * Replaces a subscription's endpoint, keys, time zone and reminders. Skips of tags that stay
	 * and the delivery log are kept, so an edit never causes a reminder to be sent again.
	 */
	updateSubscription(subscription: Omit<NewSubscription, 'secretHash'>): boolean {
		const s = this.#statements;
		return this.transaction(() => {
			const changed = s.updateSubscription.run({
				id: subscription.id,
				endpoint: subscription.endpoint,
				p256dh: subscription.p256dh,
				auth: subscription.auth,
				timeZone: subscription.timeZone
			}).changes;
			if (changed === 0) return false;
			s.deleteRemovedReminders.run(
				subscription.id,
				JSON.stringify(subscription.reminders.map((reminder) => reminder.tag))
			);
			s.deleteTimes.run(subscription.id);
			this.#writeReminders(subscription.id, subscription.timeZone, subscription.reminders);
			return true;
		});
	}

	#writeReminders(subscriptionId: string, timeZone: string, reminders: ReminderInput[]): void {
		const s = this.#statements;
		for (const reminder of reminders) {
			s.upsertReminder.run(subscriptionId, reminder.tag, reminder.pausedUntil ?? null);
			for (const { time, days } of reminder.times) {
				for (const weekday of days) {
					s.insertTime.run(subscriptionId, reminder.tag, timeZone, weekday, time);
				}
			}
		}
	}

	deleteSubscription(id: string): boolean {
		return this.#statements.deleteSubscription.run(id).changes > 0;
	}

	/** Forgets every subscription at `endpoint` (the push service said it no longer exists). */
	deleteByEndpoint(endpoint: string): number {
		return this.#statements.deleteByEndpoint.run(endpoint).changes;
	}

	/** The stored secret hash of subscription `id`, or `undefined` if there is none. */
	secretHash(id: string): Buffer | undefined {
		const row = this.#statements.secretHash.get(id) as { hash: Buffer } | undefined;
		return row?.hash;
	}

	subscription(id: string): SubscriptionRecord | undefined {
		const row = this.#statements.subscription.get(id) as
			{ id: string; endpoint: string; p256dh: string; auth: string; timeZone: string } | undefined;
		if (!row) return undefined;
		const tags = (this.#statements.tags.all(id) as { tag: string }[]).map((r) => r.tag);
		return {
			id: row.id,
			endpoint: row.endpoint,
			keys: { p256dh: row.p256dh, auth: row.auth },
			timeZone: row.timeZone,
			tags
		};
	}

	/** Skips the rest of `localDate` for one tag. */
	addSkip(subscriptionId: string, tag: string, localDate: string): void {
		this.#statements.insertSkip.run(subscriptionId, tag, localDate);
	}

	/** Time zones that have at least one reminder time. */
	timeZones(): string[] {
		return (this.#statements.timeZones.all() as { timeZone: string }[]).map((r) => r.timeZone);
	}

	/**
	 * Claims the reminders of `timeZone` at the times of `dueAt` (local time → due instant) on
	 * `range.date` that are not paused, skipped or already claimed, and returns them. Claiming
	 * writes the delivery row, whose key makes a second claim of the same reminder impossible,
	 * before anything is sent.
	 */
	claimDue(timeZone: string, range: DueRange, dueAt: ReadonlyMap<string, number>): DueReminder[] {
		const s = this.#statements;
		const rows = s.due.all({ timeZone, ...range }) as DueRow[];
		const claimed: DueReminder[] = [];
		for (const row of rows) {
			// The range may span minutes that are not due (a fall-back hour seen twice).
			const instant = dueAt.get(row.time);
			if (instant === undefined) continue;
			const key = {
				subscriptionId: row.subscriptionId,
				tag: row.tag,
				localDate: range.date,
				time: row.time
			};
			if (s.claim.run({ ...key, dueAt: instant }).changes === 0) continue;
			claimed.push({
				...key,
				dueAt: instant,
				target: { endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }
			});
		}
		return claimed;
	}

	/** Records how claimed deliveries ended, in one transaction. */
	settleDeliveries(settled: { key: DeliveryKey; status: DeliveryStatus }[]): void {
		const { settle } = this.#statements;
		this.transaction(() => {
			for (const { key, status } of settled) settle.run({ ...keyParams(key), status });
		});
	}

	/**
	 * Gives a claim back (its push never reached the push service) and moves the scheduler's
	 * look-back mark before it, so that a later tick within the grace window sends it.
	 */
	releaseDelivery(reminder: DeliveryKey & { dueAt: number }): void {
		const s = this.#statements;
		this.transaction(() => {
			if (s.release.run(keyParams(reminder)).changes > 0) {
				s.rewindState.run(reminder.dueAt - 1, COVERED_UNTIL);
			}
		});
	}

	/** The instant up to which the scheduler has looked for due reminders, if it ever has. */
	coveredUntil(): number | undefined {
		const row = this.#statements.getState.get(COVERED_UNTIL) as { value: number } | undefined;
		return row?.value;
	}

	setCoveredUntil(instant: number): void {
		this.#statements.setState.run(COVERED_UNTIL, instant);
	}

	/** Drops delivery records and skips older than `before` (they can no longer matter). */
	prune(before: number): void {
		const s = this.#statements;
		const beforeDate = new Date(before).toISOString().slice(0, 10);
		this.transaction(() => {
			s.pruneDeliveries.run(before);
			s.pruneSkips.run(beforeDate);
		});
	}

	close(): void {
		if (this.#db.open) this.#db.close();
	}
}

function keyParams({ subscriptionId, tag, localDate, time }: DeliveryKey): DeliveryKey {
	return { subscriptionId, tag, localDate, time };
}

function migrate(db: Database.Database): void {
	const version = db.pragma('user_version', { simple: true }) as number;
	if (version > MIGRATIONS.length) {
		throw new Error(
			`The reminder database is at schema version ${version}, newer than this server ` +
				`(${MIGRATIONS.length}). Upgrade Homeplay or restore a backup.`
		);
	}
	for (let next = version; next < MIGRATIONS.length; next++) {
		db.transaction(() => {
			db.exec(MIGRATIONS[next]);
			db.pragma(`user_version = ${next + 1}`);
		})();
	}
}

function prepareStatements(db: Database.Database) {
	return {
		countSubscriptions: db.prepare('SELECT count(*) AS n FROM subscriptions'),
		insertSubscription: db.prepare(
			`INSERT INTO subscriptions (id, secret_hash, endpoint, p256dh, auth, time_zone)
			 VALUES (:id, :secretHash, :endpoint, :p256dh, :auth, :timeZone)`
		),
		updateSubscription: db.prepare(
			`UPDATE subscriptions SET endpoint = :endpoint, p256dh = :p256dh, auth = :auth,
			 time_zone = :timeZone WHERE id = :id`
		),
		deleteRemovedReminders: db.prepare(
			`DELETE FROM reminders WHERE subscription_id = ?
			 AND tag NOT IN (SELECT value FROM json_each(?))`
		),
		deleteTimes: db.prepare('DELETE FROM reminder_times WHERE subscription_id = ?'),
		upsertReminder: db.prepare(
			`INSERT INTO reminders (subscription_id, tag, paused_until) VALUES (?, ?, ?)
			 ON CONFLICT DO UPDATE SET paused_until = excluded.paused_until`
		),
		insertTime: db.prepare(
			`INSERT INTO reminder_times (subscription_id, tag, time_zone, weekday, time)
			 VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
		),
		deleteSubscription: db.prepare('DELETE FROM subscriptions WHERE id = ?'),
		deleteByEndpoint: db.prepare('DELETE FROM subscriptions WHERE endpoint = ?'),
		secretHash: db.prepare('SELECT secret_hash AS hash FROM subscriptions WHERE id = ?'),
		subscription: db.prepare(
			`SELECT id, endpoint, p256dh, auth, time_zone AS timeZone FROM subscriptions WHERE id = ?`
		),
		tags: db.prepare('SELECT tag FROM reminders WHERE subscription_id = ? ORDER BY tag'),
		insertSkip: db.prepare(
			`INSERT INTO skips (subscription_id, tag, local_date) VALUES (?, ?, ?)
			 ON CONFLICT DO NOTHING`
		),
		timeZones: db.prepare('SELECT DISTINCT time_zone AS timeZone FROM reminder_times'),
		due: db.prepare(
			`SELECT t.subscription_id AS subscriptionId, t.tag, t.time, s.endpoint, s.p256dh, s.auth
			 FROM reminder_times t
			 JOIN reminders r ON r.subscription_id = t.subscription_id AND r.tag = t.tag
			 JOIN subscriptions s ON s.id = t.subscription_id
			 WHERE t.time_zone = :timeZone AND t.weekday = :weekday
				AND t.time BETWEEN :firstTime AND :lastTime
				AND (r.paused_until IS NULL OR r.paused_until <= :date)
				AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.subscription_id = t.subscription_id
					AND k.tag = t.tag AND k.local_date = :date)
				AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscription_id = t.subscription_id
					AND d.tag = t.tag AND d.local_date = :date AND d.time = t.time)`
		),
		claim: db.prepare(
			`INSERT INTO deliveries (subscription_id, tag, local_date, time, due_at, status)
			 VALUES (:subscriptionId, :tag, :localDate, :time, :dueAt, 'sending')
			 ON CONFLICT DO NOTHING`
		),
		settle: db.prepare(
			`UPDATE deliveries SET status = :status WHERE subscription_id = :subscriptionId
			 AND tag = :tag AND local_date = :localDate AND time = :time`
		),
		release: db.prepare(
			`DELETE FROM deliveries WHERE subscription_id = :subscriptionId AND tag = :tag
			 AND local_date = :localDate AND time = :time AND status = 'sending'`
		),
		getState: db.prepare('SELECT value FROM scheduler_state WHERE key = ?'),
		setState: db.prepare(
			`INSERT INTO scheduler_state (key, value) VALUES (?, ?)
			 ON CONFLICT DO UPDATE SET value = excluded.value`
		),
		rewindState: db.prepare('UPDATE scheduler_state SET value = min(value, ?) WHERE key = ?'),
		pruneDeliveries: db.prepare('DELETE FROM deliveries WHERE due_at < ?'),
		pruneSkips: db.prepare('DELETE FROM skips WHERE local_date < ?')
	};
}
