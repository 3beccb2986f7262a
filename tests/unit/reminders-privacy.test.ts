import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	apiEvent,
	createThroughApi,
	newTag,
	startHarness,
	subscriptionBody,
	type Harness
} from './support/reminders-harness';

let h: Harness;

beforeAll(async () => {
	h = await startHarness('2026-06-01T08:00:00Z');
});

afterAll(async () => {
	await h.close();
});

const FREE_TEXT = ['Emma Johnson', 'buttons and zips', 'scissors practice', 'tired today'];

it('after create, schedule, send, skip, test and update, the database holds no client free text', async () => {
	const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];
	const subscribers = zones.map(() => h.push.subscriber());
	const tags = zones.map(() => newTag());
	const credentials = [];
	for (const [i, timeZone] of zones.entries()) {
		credentials.push(
			await createThroughApi(
				h.service,
				subscriptionBody(subscribers[i], timeZone, [
					{ tag: tags[i], times: [{ time: '18:30', days: [1, 2] }], pausedUntil: '2026-06-01' }
				])
			)
		);
	}
	// Requests carrying free text are refused and leave nothing behind.
	const withName = {
		...subscriptionBody(h.push.subscriber(), 'Europe/Berlin', [
			{ tag: newTag(), times: [{ time: '08:00', days: [1] }] }
		]),
		childName: FREE_TEXT[0],
		goal: FREE_TEXT[1]
	};
	expect(
		(await h.service.api.create(apiEvent('/api/subscriptions', { body: withName }))).status
	).toBe(400);
	const [berlin] = credentials;
	const note = { tag: tags[0], date: '2026-06-02', note: FREE_TEXT[3] };
	const refusedSkip = await h.service.api.skip(
		apiEvent(`/api/subscriptions/${berlin.id}/skip`, {
			body: note,
			params: berlin,
			secret: berlin.secret
		})
	);
	expect(refusedSkip.status).toBe(400);

	// Schedule and send: Monday 18:30 in each zone.
	for (const iso of ['2026-06-01T13:00:00Z', '2026-06-01T16:30:00Z', '2026-06-01T22:30:00Z']) {
		h.clock.set(iso);
		await h.service.scheduler.tick();
	}
	expect(h.push.received).toHaveLength(3);
	// Skip Tuesday in Berlin, send a test push, move New York to another time.
	const skip = await h.service.api.skip(
		apiEvent(`/api/subscriptions/${berlin.id}/skip`, {
			body: { tag: tags[0], date: '2026-06-02' },
			params: berlin,
			secret: berlin.secret
		})
	);
	expect(skip.status).toBe(204);
	const test = await h.service.api.test(
		apiEvent(`/api/subscriptions/${berlin.id}/test`, {
			body: { tag: tags[0] },
			params: berlin,
			secret: berlin.secret
		})
	);
	expect(test.status).toBe(202);
	await h.service.api.settled();
	const newYork = credentials[1];
	const update = await h.service.api.update(
		apiEvent(`/api/subscriptions/${newYork.id}`, {
			method: 'PUT',
			body: subscriptionBody(subscribers[1], 'America/New_York', [
				{ tag: tags[1], times: [{ time: '07:15', days: [0, 6] }] }
			]),
			params: newYork,
			secret: newYork.secret
		})
	);
	expect(update.status).toBe(204);
	await h.service.close();

	const path = join(h.config.dataDir, 'reminders.sqlite');
	const db = new Database(path, { readonly: true });
	try {
		const tables = db
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
			.pluck()
			.all();
		expect(tables).toEqual([
			'deliveries',
			'reminder_times',
			'reminders',
			'scheduler_state',
			'skips',
			'subscriptions'
		]);

		const id = /^[A-Za-z0-9_-]{22}$/;
		const date = /^\d{4}-\d{2}-\d{2}$/;
		const time = /^([01]\d|2[0-3]):[0-5]\d$/;
		const endpoints = new Set(subscribers.map((s) => s.endpoint));
		const keys = new Set(subscribers.flatMap((s) => [s.keys.p256dh, s.keys.auth]));
		const isTag = (value: unknown) => tags.includes(value as string);
		const isZone = (value: unknown) => zones.includes(value as string);
		const isInteger = (value: unknown) => Number.isInteger(value);
		// Every column of every table, and what its values may be.
		const allowed: Record<string, Record<string, (value: unknown) => boolean>> = {
			subscriptions: {
				id: (v) => id.test(v as string),
				secret_hash: (v) => Buffer.isBuffer(v) && v.length === 32,
				endpoint: (v) => endpoints.has(v as string),
				p256dh: (v) => keys.has(v as string),
				auth: (v) => keys.has(v as string),
				time_zone: isZone
			},
			reminders: {
				subscription_id: (v) => id.test(v as string),
				tag: isTag,
				paused_until: (v) => v === null || date.test(v as string)
			},
			reminder_times: {
				subscription_id: (v) => id.test(v as string),
				tag: isTag,
				time_zone: isZone,
				weekday: (v) => isInteger(v) && (v as number) >= 0 && (v as number) <= 6,
				time: (v) => time.test(v as string)
			},
			skips: {
				subscription_id: (v) => id.test(v as string),
				tag: isTag,
				local_date: (v) => date.test(v as string)
			},
			deliveries: {
				subscription_id: (v) => id.test(v as string),
				tag: isTag,
				local_date: (v) => date.test(v as string),
				time: (v) => time.test(v as string),
				due_at: isInteger,
				status: (v) => ['sending', 'sent', 'failed'].includes(v as string)
			},
			scheduler_state: { key: (v) => v === 'covered_until', value: isInteger }
		};
		let values = 0;
		for (const [table, columns] of Object.entries(allowed)) {
			const names = db
				.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`)
				.pluck()
				.all();
			expect(new Set(names), table).toEqual(new Set(Object.keys(columns)));
			for (const row of db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
				for (const [column, value] of Object.entries(row)) {
					expect(columns[column](value), `${table}.${column} = ${String(value)}`).toBe(true);
					values++;
				}
			}
		}
		expect(values).toBeGreaterThan(40);
		expect(db.prepare('SELECT count(*) FROM skips').pluck().get()).toBe(1);
		expect(db.prepare("SELECT count(*) FROM deliveries WHERE status = 'sent'").pluck().get()).toBe(
			3
		);
	} finally {
		db.close();
	}

	// Nor anywhere in the raw bytes (pages, free pages, write-ahead log): no free text, no secret.
	const raw = [path, `${path}-wal`]
		.filter((file) => existsSync(file))
		.map((file) => readFileSync(file).toString('latin1'))
		.join('');
	// (The search works: what is stored is found.)
	expect(raw.includes(tags[2]) && raw.includes(subscribers[2].endpoint)).toBe(true);
	for (const text of [...FREE_TEXT, ...credentials.map((c) => c.secret)]) {
		expect(raw.includes(text), text).toBe(false);
	}
});
