import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	configWarnings,
	DEFAULT_PUSH_HOSTS,
	loadRemindersConfig,
	parseHostAllowList
} from '$lib/server/reminders/config';
import { isAllowedHost, pushEndpointProblem } from '$lib/server/reminders/push-endpoint';
import { ConcurrencyLimit, NotStartedError } from '$lib/server/reminders/concurrency-limit';
import { retryAfterMs } from '$lib/server/reminders/push-sender';
import { RateLimiter } from '$lib/server/reminders/rate-limiter';
import { bearerSecret, hashSecret, newSecret, secretMatches } from '$lib/server/reminders/secrets';
import { openReminderStore, SCHEMA_VERSION } from '$lib/server/reminders/store';
import { newTag } from './support/reminders-harness';

let dir: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'homeplay-store-'));
});

afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('configuration', () => {
	it('creates the data directory and keeps generated VAPID keys in vapid.json (0600)', () => {
		const dataDir = join(dir, 'nested', 'data');
		const first = loadRemindersConfig({ HOMEPLAY_DATA_DIR: dataDir });
		expect(statSync(dataDir).isDirectory()).toBe(true);
		const file = join(dataDir, 'vapid.json');
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
			publicKey: first.vapid.publicKey,
			privateKey: first.vapid.privateKey
		});
		// A restart keeps the keys: existing browser subscriptions stay valid.
		const second = loadRemindersConfig({ HOMEPLAY_DATA_DIR: dataDir });
		expect(second.vapid).toEqual(first.vapid);
		expect(first.vapid.subject).toBe('mailto:admin@localhost');
		expect(configWarnings(first)[0]).toMatch(/Safari/);
		expect(first.pushHostAllowList).toEqual(DEFAULT_PUSH_HOSTS);
	});

	it('prefers keys, subject and allow-list from the environment', () => {
		const keys = webpush.generateVAPIDKeys();
		const config = loadRemindersConfig({
			HOMEPLAY_DATA_DIR: dir,
			VAPID_PUBLIC_KEY: keys.publicKey,
			VAPID_PRIVATE_KEY: keys.privateKey,
			VAPID_SUBJECT: 'https://homeplay.example.org/contact',
			PUSH_HOST_ALLOWLIST: ' push.example.org, *.Push.Example.NET '
		});
		expect(config.vapid).toEqual({ ...keys, subject: 'https://homeplay.example.org/contact' });
		expect(config.pushHostAllowList).toEqual(['push.example.org', '*.push.example.net']);
		expect(configWarnings(config)).toEqual([]);
		expect(() =>
			loadRemindersConfig({ HOMEPLAY_DATA_DIR: dir, VAPID_PUBLIC_KEY: keys.publicKey })
		).toThrow(/both/);
		expect(() =>
			loadRemindersConfig({
				HOMEPLAY_DATA_DIR: dir,
				VAPID_PUBLIC_KEY: keys.publicKey,
				VAPID_PRIVATE_KEY: 'not-a-key'
			})
		).toThrow();
		expect(() => parseHostAllowList('fcm.googleapis.com, http://evil')).toThrow(/not a host name/);
	});

	it('matches push hosts exactly or, with *., any subdomain but not the bare domain', () => {
		const list = DEFAULT_PUSH_HOSTS;
		expect(isAllowedHost('fcm.googleapis.com', list)).toBe(true);
		expect(isAllowedHost('wns2-par02p.notify.windows.com', list)).toBe(true);
		expect(isAllowedHost('notify.windows.com', list)).toBe(false);
		expect(isAllowedHost('evilnotify.windows.com', list)).toBe(false);
		expect(isAllowedHost('fcm.googleapis.com.evil.org', list)).toBe(false);
		expect(isAllowedHost('web.push.apple.com', list)).toBe(true);
		expect(pushEndpointProblem('https://fcm.googleapis.com/fcm/send/abc', list)).toBeUndefined();
		expect(pushEndpointProblem('https://FCM.googleapis.com/fcm/send/abc', list)).toBeUndefined();
		expect(pushEndpointProblem('https://localhost/push', list)).toMatch(/not allowed/);
		expect(pushEndpointProblem('https://[::1]/push', list)).toMatch(/not allowed/);
	});
});

describe('secrets and limits', () => {
	it('checks bearer secrets against the stored hash only', () => {
		const secret = newSecret();
		expect(secret).toHaveLength(43);
		expect(bearerSecret(`Bearer ${secret}`)).toBe(secret);
		expect(bearerSecret(`Basic ${secret}`)).toBeUndefined();
		expect(bearerSecret('Bearer abc')).toBeUndefined();
		expect(bearerSecret(null)).toBeUndefined();
		const hash = hashSecret(secret);
		expect(secretMatches(secret, hash)).toBe(true);
		expect(secretMatches(newSecret(), hash)).toBe(false);
		expect(secretMatches(secret, undefined)).toBe(false);
	});

	it('refills the rate limit over the minute', () => {
		let now = 0;
		const limiter = new RateLimiter(30, () => now);
		for (let i = 0; i < 30; i++) expect(limiter.take('a')).toBe(0);
		expect(limiter.take('a')).toBe(2);
		expect(limiter.take('b')).toBe(0);
		now += 2000;
		expect(limiter.take('a')).toBe(0);
		expect(limiter.take('a')).toBeGreaterThan(0);
	});

	it('runs at most `limit` tasks at once, in order, and drops waiters whose signal aborted', async () => {
		const limit = new ConcurrencyLimit(3);
		const started: number[] = [];
		let running = 0;
		const task = (n: number) => async () => {
			started.push(n);
			running++;
			expect(running).toBeLessThanOrEqual(3);
			await new Promise((r) => setTimeout(r, 5));
			running--;
			return n;
		};
		const stop = new AbortController();
		const runs = Array.from({ length: 10 }, (_, n) =>
			limit.run(task(n), n >= 6 ? stop.signal : undefined)
		);
		stop.abort();
		const results = await Promise.allSettled(runs);
		expect(results.slice(0, 6).map((r) => (r.status === 'fulfilled' ? r.value : r.reason))).toEqual(
			[0, 1, 2, 3, 4, 5]
		);
		for (const result of results.slice(6)) {
			expect(result.status === 'rejected' && result.reason).toBeInstanceOf(NotStartedError);
		}
		expect(started).toEqual([0, 1, 2, 3, 4, 5]);
		expect(limit.peak).toBe(3);
		expect(limit.active).toBe(0);
	});

	it('reads Retry-After as seconds or as a date', () => {
		const now = Date.parse('2026-06-01T10:00:00Z');
		expect(retryAfterMs('120', now)).toBe(120_000);
		expect(retryAfterMs('Mon, 01 Jun 2026 10:00:30 GMT', now)).toBe(30_000);
		expect(retryAfterMs('soon', now)).toBeUndefined();
		expect(retryAfterMs(undefined, now)).toBeUndefined();
	});
});

describe('reminder store', () => {
	const subscription = (id: string, tag: string) => ({
		id,
		secretHash: hashSecret(newSecret()),
		endpoint: 'https://fcm.googleapis.com/fcm/send/x',
		p256dh: 'BAAA',
		auth: 'AAAA',
		timeZone: 'Europe/Berlin',
		reminders: [{ tag, times: [{ time: '18:30', days: [1] }] }]
	});

	it('runs in WAL mode at the current schema version, and refuses a newer database', () => {
		const path = join(dir, 'reminders.sqlite');
		openReminderStore(path).close();
		const db = new Database(path);
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
		db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
		db.close();
		expect(() => openReminderStore(path)).toThrow(/newer than this server/);
	});

	it('refuses text that is not shaped like a tag, time or date, even past the API', () => {
		const store = openReminderStore(join(dir, 'reminders.sqlite'));
		try {
			expect(() => store.createSubscription(subscription('A'.repeat(22), 'Emma'))).toThrow(/CHECK/);
			const bad = subscription('B'.repeat(22), newTag());
			bad.reminders[0].times[0].time = 'after dinner';
			expect(() => store.createSubscription(bad)).toThrow(/CHECK/);
			store.createSubscription(subscription('C'.repeat(22), newTag()));
			expect(() =>
				store.addSkip('C'.repeat(22), 'Emma went to the dentist', '2026-06-01')
			).toThrow();
			const [tag] = store.subscription('C'.repeat(22))?.tags ?? [];
			expect(() => store.addSkip('C'.repeat(22), tag, 'tomorrow')).toThrow(/CHECK/);
			expect(store.subscriptionCount()).toBe(1);
		} finally {
			store.close();
		}
	});

	it('keeps skips and the delivery log of tags that stay when a subscription is updated', () => {
		const store = openReminderStore(join(dir, 'reminders.sqlite'));
		try {
			const kept = newTag();
			const dropped = newTag();
			const id = 'C'.repeat(22);
			const created = subscription(id, kept);
			created.reminders.push({ tag: dropped, times: [{ time: '07:00', days: [2] }] });
			store.createSubscription(created);
			store.addSkip(id, kept, '2026-06-01');
			store.addSkip(id, dropped, '2026-06-02');
			expect(
				store.updateSubscription({ ...subscription(id, kept), timeZone: 'Asia/Kolkata' })
			).toBe(true);
			expect(store.subscription(id)).toMatchObject({ tags: [kept], timeZone: 'Asia/Kolkata' });
			const due = store.claimDue(
				'Asia/Kolkata',
				{ date: '2026-06-01', weekday: 1, firstTime: '18:30', lastTime: '18:30' },
				new Map([['18:30', 0]])
			);
			expect(due).toEqual([]);
			const nextWeek = store.claimDue(
				'Asia/Kolkata',
				{ date: '2026-06-08', weekday: 1, firstTime: '18:30', lastTime: '18:30' },
				new Map([['18:30', 0]])
			);
			expect(nextWeek.map((d) => d.tag)).toEqual([kept]);
			expect(store.updateSubscription({ ...subscription('D'.repeat(22), kept) })).toBe(false);
		} finally {
			store.close();
		}
	});

	it('deletes every subscription of an endpoint, with its reminders, skips and deliveries', () => {
		const path = join(dir, 'reminders.sqlite');
		const store = openReminderStore(path);
		const tag = newTag();
		store.createSubscription(subscription('E'.repeat(22), tag));
		store.createSubscription(subscription('F'.repeat(22), newTag()));
		store.addSkip('E'.repeat(22), tag, '2026-06-01');
		store.claimDue(
			'Europe/Berlin',
			{ date: '2026-06-08', weekday: 1, firstTime: '18:30', lastTime: '18:30' },
			new Map([['18:30', 0]])
		);
		expect(store.deleteByEndpoint('https://fcm.googleapis.com/fcm/send/x')).toBe(2);
		store.close();
		const db = new Database(path, { readonly: true });
		for (const table of ['subscriptions', 'reminders', 'reminder_times', 'skips', 'deliveries']) {
			expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
		}
		db.close();
	});
});
