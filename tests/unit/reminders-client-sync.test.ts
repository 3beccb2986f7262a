import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as checkinsTable from '$lib/db/checkins';
import { HomeplayDatabase, useDatabase } from '$lib/db/database';
import * as programsTable from '$lib/db/programs';
import * as reminderSettings from '$lib/db/reminder-settings';
import { draftFrom, settingFrom } from '$lib/reminders/draft';
import { maybeSkipToday } from '$lib/reminders/skip-today';
import {
	cancelServerSubscriptions,
	sendTest,
	syncReminders,
	type SyncDeps
} from '$lib/reminders/sync';
import type { ReminderApi } from '$lib/server/reminders';
import { parseReminderPush } from '$lib/sw/push';
import { checkinId } from '$lib/schedule/due';
import { sampleProgram } from './fixtures/programs';
import { startHarness, type Harness } from './support/reminders-harness';

/**
 * The family side against the real reminder API and store, with a local fake push service:
 * what the app sends, what the server keeps, and what arrives on the device.
 */

const CHILD_NAME = 'Zebulon Quartermaine';
const GOALS = ['Button her coat on her own', 'Stay calm when plans change'];

let h: Harness;
let requests: { method: string; url: string; body: string }[];

beforeAll(async () => {
	h = await startHarness('2026-06-03T10:00:00Z');
});
afterAll(async () => {
	await h.close();
});

/** A `fetch` that hands each request to the API handlers, as SvelteKit's router would. */
function fetchThroughApi(api: ReminderApi): typeof fetch {
	return async (input, init) => {
		const request = new Request(new URL(String(input), 'http://localhost'), init);
		requests.push({ method: request.method, url: request.url, body: await request.clone().text() });
		const path = new URL(request.url).pathname;
		const [, , , id, action] = path.split('/');
		const event = {
			request,
			params: { id },
			getClientAddress: () => `203.0.113.${requests.length % 250}`
		};
		if (path === '/api/push/public-key' && request.method === 'GET') return api.publicKey(event);
		if (path === '/api/subscriptions' && request.method === 'POST') return api.create(event);
		if (action === 'skip' && request.method === 'POST') return api.skip(event);
		if (action === 'test' && request.method === 'POST') return api.test(event);
		if (!action && request.method === 'PUT') return api.update(event);
		if (!action && request.method === 'DELETE') return api.remove(event);
		return new Response('Not found', { status: 404 });
	};
}

let childId: string;
let programId: string;
let itemIds: string[];

beforeEach(async () => {
	requests = [];
	useDatabase(new HomeplayDatabase(`sync-${crypto.randomUUID()}`));
	const doc = sampleProgram({ libraryItems: 2, customItems: 0, noteLength: 60 });
	doc.child.name = CHILD_NAME;
	for (const item of doc.items) item.schedule = { days: [0, 1, 2, 3, 4, 5, 6] };
	doc.startDate = '2026-05-01';
	({ childId } = await programsTable.importProgram(
		doc,
		{ newChild: true },
		Date.parse('2026-05-01')
	));
	programId = doc.id;
	itemIds = doc.items.map((item) => item.id);
});

async function turnOn(enabled = true) {
	const draft = draftFrom(await reminderSettings.get(childId), '2026-06-03');
	draft.enabled = enabled;
	draft.paused = enabled;
	draft.resumeOn = '2026-06-10';
	const stored = await reminderSettings.get(childId);
	await reminderSettings.put(settingFrom(draft, childId, 'Europe/Berlin', stored));
}

describe('syncing reminders with the server', () => {
	it('create, test, skip, update and delete: the server only ever gets tags, times, days, a pause and a zone', async () => {
		const subscriber = h.push.subscriber();
		const deps: SyncDeps = {
			subscribe: vi.fn(async (publicKey: string) => {
				expect(publicKey).toBe(h.config.vapid.publicKey);
				return { endpoint: subscriber.endpoint, expirationTime: null, keys: subscriber.keys };
			}),
			unsubscribe: vi.fn(async () => {}),
			fetch: fetchThroughApi(h.service.api),
			online: () => true
		};

		await turnOn();
		const results = await syncReminders([childId], deps);
		expect(results.get(childId)).toEqual({ state: 'on' });
		const row = (await reminderSettings.get(childId))!;
		expect(row.subscriptionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(row.secret).toBeTruthy();
		const record = h.service.store.subscription(row.subscriptionId!);
		expect(record).toMatchObject({ timeZone: 'Europe/Berlin', tags: [row.tag] });

		// The create body, field by field.
		const create = requests.find(
			(r) => r.method === 'POST' && r.url.endsWith('/api/subscriptions')
		);
		expect(JSON.parse(create!.body)).toEqual({
			subscription: { endpoint: subscriber.endpoint, keys: subscriber.keys },
			timeZone: 'Europe/Berlin',
			reminders: [
				{
					tag: row.tag,
					times: [
						{ time: '07:30', days: [1, 2, 3, 4, 5] },
						{ time: '10:00', days: [0, 6] }
					],
					pausedUntil: '2026-06-10'
				}
			]
		});

		// A test notification reaches the device, generic, with the child's tag.
		expect(await sendTest(row, deps.fetch)).toEqual({ state: 'sent' });
		await h.service.api.settled();
		const [received] = h.push.receivedFor(subscriber.id);
		expect(parseReminderPush(JSON.stringify(received.payload))).toEqual({
			title: 'Homeplay',
			body: "Time for today's Homeplay practice",
			url: '/today',
			tag: row.tag
		});

		// Everything logged: the rest of the day is skipped on the server.
		for (const itemId of itemIds) {
			await checkinsTable.record({
				id: checkinId(programId, itemId, '2026-06-03'),
				childId,
				programId,
				itemId,
				date: '2026-06-03',
				status: 'done',
				createdAt: 1,
				updatedAt: 1
			});
		}
		await maybeSkipToday(childId, '2026-06-03', { weekStartsOn: 1, fetch: deps.fetch });
		expect((await reminderSettings.get(childId))?.skippedOn).toBe('2026-06-03');

		// Saving again updates the same subscription.
		await turnOn();
		await syncReminders([childId], deps);
		expect((await reminderSettings.get(childId))?.subscriptionId).toBe(row.subscriptionId);
		expect(requests.filter((r) => r.method === 'PUT')).toHaveLength(1);

		// What the server holds now: no name, no goal, no note, no child id.
		const path = join(h.config.dataDir, 'reminders.sqlite');
		const db = new Database(path, { readonly: true });
		try {
			const dump = JSON.stringify(
				['subscriptions', 'reminders', 'reminder_times', 'skips'].map((table) =>
					db.prepare(`SELECT * FROM ${table}`).all()
				)
			);
			expect(dump).toContain(row.tag); // (the search works)
			expect(dump).toContain('2026-06-03'); // the skip
			for (const text of [CHILD_NAME, 'Zebulon', ...GOALS, childId, programId])
				expect(dump, text).not.toContain(text);
		} finally {
			db.close();
		}
		// Nor did any request carry them.
		const sent = JSON.stringify(requests);
		for (const text of [CHILD_NAME, 'Zebulon', ...GOALS, childId, programId, ...itemIds])
			expect(sent, text).not.toContain(text);

		// Off: the server forgets the subscription; the device drops its push subscription.
		await turnOn(false);
		expect((await syncReminders([childId], deps)).get(childId)).toEqual({ state: 'off' });
		expect(h.service.store.subscription(row.subscriptionId!)).toBeUndefined();
		const off = (await reminderSettings.get(childId))!;
		expect([off.subscriptionId, off.secret, off.enabled]).toEqual([undefined, undefined, false]);
		expect(deps.unsubscribe).toHaveBeenCalledTimes(1);

		const raw = [path, `${path}-wal`]
			.filter((file) => existsSync(file))
			.map((file) => readFileSync(file).toString('latin1'))
			.join('');
		for (const text of [CHILD_NAME, ...GOALS, childId]) expect(raw, text).not.toContain(text);
	});

	it('keeps the times on the device and says why when the server cannot be reached', async () => {
		const subscribe = vi.fn(async () => h.push.subscriber());
		await turnOn();
		const offline = await syncReminders([childId], { subscribe, online: () => false });
		expect(offline.get(childId)).toEqual({ state: 'local', problem: 'offline' });
		expect(subscribe).not.toHaveBeenCalled();

		const unreachable = await syncReminders([childId], {
			subscribe,
			online: () => true,
			fetch: async () => {
				throw new TypeError('Failed to fetch');
			}
		});
		expect(unreachable.get(childId)).toEqual({ state: 'local', problem: 'unreachable' });

		const staticHost = await syncReminders([childId], {
			subscribe,
			online: () => true,
			fetch: async () => new Response('<h1>Not found</h1>', { status: 404 })
		});
		expect(staticHost.get(childId)).toMatchObject({ state: 'local', problem: 'no-api' });
		const row = await reminderSettings.get(childId);
		expect(row?.times).toHaveLength(2);
		expect(row?.subscriptionId).toBeUndefined();
	});

	it('reports a refused or failed push subscription and sends nothing', async () => {
		const { PushSetupError } = await import('$lib/reminders/push-device');
		await turnOn();
		const denied = await syncReminders([childId], {
			subscribe: async () => {
				throw new PushSetupError('push-denied');
			},
			fetch: fetchThroughApi(h.service.api),
			online: () => true
		});
		expect(denied.get(childId)).toEqual({ state: 'local', problem: 'push-denied' });
		expect(requests.map((r) => r.method)).toEqual(['GET']); // only the public key
	});

	it('cancels subscriptions left behind by a restore, keeping those it could not reach', async () => {
		const fetchImpl = fetchThroughApi(h.service.api);
		await turnOn();
		await syncReminders([childId], {
			subscribe: async () => h.push.subscriber(),
			fetch: fetchImpl,
			online: () => true
		});
		const { subscriptionId, secret } = (await reminderSettings.get(childId))!;
		const orphan = { childId, subscriptionId: subscriptionId!, secret: secret! };

		const offline = await cancelServerSubscriptions([orphan], async () => {
			throw new TypeError('Failed to fetch');
		});
		expect(offline).toEqual([orphan]);
		expect(h.service.store.subscription(orphan.subscriptionId)).toBeDefined();

		expect(await cancelServerSubscriptions([orphan], fetchImpl)).toEqual([]);
		expect(h.service.store.subscription(orphan.subscriptionId)).toBeUndefined();
		// Already gone: nothing left to do.
		expect(await cancelServerSubscriptions([orphan], fetchImpl)).toEqual([]);
	});
});
