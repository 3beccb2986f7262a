import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopReminders } from '$lib/server/reminders';
import type { ApiEvent } from '$lib/server/reminders/http-api';
import type { SubscriptionBody } from '$lib/reminders/types';
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
	h = await startHarness('2026-06-01T10:00:00Z');
});

afterAll(async () => {
	await h.close();
});

function validBody(overrides: Partial<SubscriptionBody> = {}): SubscriptionBody {
	return {
		...subscriptionBody(h.push.subscriber(), 'Europe/Berlin', [
			{ tag: newTag(), times: [{ time: '18:30', days: [1, 3, 5] }] }
		]),
		...overrides
	};
}

async function errorOf(response: Response): Promise<string> {
	const { error } = (await response.json()) as { error: string };
	return error;
}

describe('reminder API: create', () => {
	it('serves the VAPID public key', async () => {
		const response = await h.service.api.publicKey(apiEvent('/api/push/public-key'));
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ publicKey: h.config.vapid.publicKey });
	});

	it('creates a subscription and returns its id and a 256-bit secret once', async () => {
		const body = validBody();
		const response = await h.service.api.create(apiEvent('/api/subscriptions', { body }));
		expect(response.status).toBe(201);
		expect(response.headers.get('cache-control')).toBe('no-store');
		const created = (await response.json()) as { id: string; secret: string };
		expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const stored = h.service.store.subscription(created.id);
		expect(stored).toMatchObject({
			endpoint: body.subscription.endpoint,
			keys: body.subscription.keys,
			timeZone: 'Europe/Berlin',
			tags: [body.reminders[0].tag]
		});
		// The store keeps a hash of the secret, never the secret.
		expect(h.service.store.secretHash(created.id)?.toString('base64url')).not.toBe(created.secret);
	});

	it.each([
		['a host that is not a push service', 'https://example.com/push/1', 'host is not allowed'],
		['an internal address', 'https://169.254.169.254/latest/meta-data', 'host is not allowed'],
		['plain http', 'http://127.0.0.1:9/push/1', 'must use https'],
		['credentials in the URL', 'https://user:pass@127.0.0.1/push/1', 'credentials'],
		['something that is not a URL', 'not a url', 'not a URL']
	])('refuses an endpoint with %s (400)', async (_, endpoint, reason) => {
		const before = h.service.store.subscriptionCount();
		const body = validBody();
		body.subscription.endpoint = endpoint;
		const response = await h.service.api.create(apiEvent('/api/subscriptions', { body }));
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toContain(reason);
		expect(h.service.store.subscriptionCount()).toBe(before);
	});

	it.each([
		['a child’s name at the top level', (b: Record<string, unknown>) => (b.childName = 'Emma')],
		[
			'a goal inside a reminder',
			(b: Record<string, unknown>) =>
				((b.reminders as Record<string, unknown>[])[0].goal = 'fine motor: buttons')
		],
		[
			'a label on a reminder time',
			(b: Record<string, unknown>) =>
				((
					(b.reminders as Record<string, unknown>[])[0].times as Record<string, unknown>[]
				)[0].label = 'Emma’s scissors practice')
		],
		[
			'expirationTime from PushSubscription.toJSON()',
			(b: Record<string, unknown>) =>
				((b.subscription as Record<string, unknown>).expirationTime = null)
		]
	])('refuses unknown fields: %s (400)', async (_, addField) => {
		const before = h.service.store.subscriptionCount();
		const body = validBody() as unknown as Record<string, unknown>;
		addField(body);
		const response = await h.service.api.create(apiEvent('/api/subscriptions', { body }));
		expect(response.status).toBe(400);
		expect(await errorOf(response)).toMatch(/Invalid key/);
		expect(h.service.store.subscriptionCount()).toBe(before);
	});

	it.each([
		['a name as the tag', { tag: 'Emma', times: [{ time: '18:30', days: [1] }] }],
		['a tag with spaces', { tag: 'Emma practice evening', times: [{ time: '18:30', days: [1] }] }],
		['24:00', { tag: newTag(), times: [{ time: '24:00', days: [1] }] }],
		['6pm', { tag: newTag(), times: [{ time: '6pm', days: [1] }] }],
		['day 7', { tag: newTag(), times: [{ time: '18:30', days: [7] }] }],
		['a day twice', { tag: newTag(), times: [{ time: '18:30', days: [1, 1] }] }],
		['no day', { tag: newTag(), times: [{ time: '18:30', days: [] }] }],
		['31 April', { tag: newTag(), times: [], pausedUntil: '2026-04-31' }]
	])('refuses a reminder with %s (400)', async (_, reminder) => {
		const body = validBody({ reminders: [reminder] });
		const response = await h.service.api.create(apiEvent('/api/subscriptions', { body }));
		expect(response.status).toBe(400);
	});

	it('refuses unknown time zones and malformed keys (400)', async () => {
		for (const body of [
			validBody({ timeZone: 'Moon/Base' }),
			validBody({ timeZone: '+05:30' }),
			(() => {
				const body = validBody();
				body.subscription.keys.p256dh = Buffer.alloc(65, 4).toString('base64url').slice(0, 80);
				return body;
			})(),
			(() => {
				const body = validBody();
				body.subscription.keys.auth = 'short';
				return body;
			})()
		]) {
			const response = await h.service.api.create(apiEvent('/api/subscriptions', { body }));
			expect(response.status).toBe(400);
		}
	});

	it('refuses bodies over 8 KB (413), declared or streamed', async () => {
		const body = validBody();
		const padded = JSON.stringify(body).replace('{', `{"padding":"${'x'.repeat(9000)}",`);
		const declared = await h.service.api.create(
			apiEvent('/api/subscriptions', { rawBody: padded })
		);
		expect(declared.status).toBe(413);

		const bytes = new TextEncoder().encode(padded);
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
				controller.close();
			}
		});
		const event: ApiEvent = {
			request: new Request('http://localhost/api/subscriptions', {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: stream,
				duplex: 'half'
			} as RequestInit),
			params: {},
			getClientAddress: () => '198.51.100.7'
		};
		expect(event.request.headers.get('content-length')).toBeNull();
		const streamed = await h.service.api.create(event);
		expect(streamed.status).toBe(413);
	});

	it('refuses other content types (415) and bodies that are not JSON (400)', async () => {
		const text = JSON.stringify(validBody());
		const form = await h.service.api.create(
			apiEvent('/api/subscriptions', { rawBody: text, contentType: 'text/plain' })
		);
		expect(form.status).toBe(415);
		const broken = await h.service.api.create(
			apiEvent('/api/subscriptions', { rawBody: '{"subscription":' })
		);
		expect(broken.status).toBe(400);
	});

	it('limits each address to 30 requests a minute (429 with Retry-After)', async () => {
		const address = '203.0.113.9';
		const statuses: number[] = [];
		for (let i = 0; i < 31; i++) {
			const response = await h.service.api.publicKey(apiEvent('/api/push/public-key', { address }));
			statuses.push(response.status);
			if (response.status === 429) {
				expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
			}
		}
		expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
		expect(statuses[30]).toBe(429);
		// Invalid requests count too, and other addresses are not affected.
		const refused = await h.service.api.create(
			apiEvent('/api/subscriptions', { body: validBody(), address })
		);
		expect(refused.status).toBe(429);
		const other = await h.service.api.publicKey(apiEvent('/api/push/public-key'));
		expect(other.status).toBe(200);
	});
});

describe('reminder API: changes need the secret', () => {
	it('updates with the secret (204) and refuses a missing or wrong one (401) or an unknown id (404)', async () => {
		const body = validBody();
		const { id, secret } = await createThroughApi(h.service, body);
		const path = `/api/subscriptions/${id}`;
		const changed = validBody({ timeZone: 'Asia/Kolkata' });
		const wrongSecret = Buffer.alloc(32, 7).toString('base64url');

		const cases: [ApiEvent, number][] = [
			[apiEvent(path, { method: 'PUT', body: changed, params: { id } }), 401],
			[apiEvent(path, { method: 'PUT', body: changed, params: { id }, secret: wrongSecret }), 401],
			[apiEvent(path, { method: 'PUT', body: changed, params: { id }, secret: 'short' }), 401],
			[
				apiEvent(path, {
					method: 'PUT',
					body: changed,
					params: { id: 'AAAAAAAAAAAAAAAAAAAAAA' },
					secret
				}),
				404
			],
			[apiEvent(path, { method: 'PUT', body: changed, params: { id: '../../etc' }, secret }), 404]
		];
		for (const [event, status] of cases) {
			expect((await h.service.api.update(event)).status).toBe(status);
		}
		expect(h.service.store.subscription(id)?.timeZone).toBe('Europe/Berlin');

		const withName = { ...changed, childName: 'Emma' };
		const refused = await h.service.api.update(
			apiEvent(path, { method: 'PUT', body: withName, params: { id }, secret })
		);
		expect(refused.status).toBe(400);

		const ok = await h.service.api.update(
			apiEvent(path, { method: 'PUT', body: changed, params: { id }, secret })
		);
		expect(ok.status).toBe(204);
		expect(h.service.store.subscription(id)).toMatchObject({
			timeZone: 'Asia/Kolkata',
			endpoint: changed.subscription.endpoint,
			tags: [changed.reminders[0].tag]
		});
	});

	it('deletes with the secret (204), after which the id is unknown (404)', async () => {
		const { id, secret } = await createThroughApi(h.service, validBody());
		const path = `/api/subscriptions/${id}`;
		const wrong = await h.service.api.remove(
			apiEvent(path, {
				method: 'DELETE',
				params: { id },
				secret: Buffer.alloc(32).toString('base64url')
			})
		);
		expect(wrong.status).toBe(401);
		const ok = await h.service.api.remove(
			apiEvent(path, { method: 'DELETE', params: { id }, secret })
		);
		expect(ok.status).toBe(204);
		expect(h.service.store.subscription(id)).toBeUndefined();
		const again = await h.service.api.remove(
			apiEvent(path, { method: 'DELETE', params: { id }, secret })
		);
		expect(again.status).toBe(404);
	});

	it('skips a tag for a local date (204), which the scheduler then honours', async () => {
		const body = validBody();
		const tag = body.reminders[0].tag;
		const { id, secret } = await createThroughApi(h.service, body);
		const path = `/api/subscriptions/${id}/skip`;
		const skip = (payload: unknown, secretUsed = secret) =>
			h.service.api.skip(apiEvent(path, { body: payload, params: { id }, secret: secretUsed }));

		expect((await skip({ tag: newTag(), date: '2026-06-01' })).status).toBe(404);
		expect((await skip({ tag, date: '2026-09-01' })).status).toBe(400);
		expect((await skip({ tag, date: '2026-06-01', note: 'tired today' })).status).toBe(400);
		expect(
			(await skip({ tag, date: '2026-06-01' }, Buffer.alloc(32).toString('base64url'))).status
		).toBe(401);
		expect((await skip({ tag, date: '2026-06-01' })).status).toBe(204);

		// Monday 1 June, 18:30 in Berlin: skipped. Wednesday: sent.
		h.clock.set('2026-06-01T16:30:00Z');
		await h.service.scheduler.tick();
		const subscriberId = body.subscription.endpoint.split('/').pop() ?? '';
		expect(h.push.receivedFor(subscriberId)).toHaveLength(0);
		h.clock.set('2026-06-03T16:30:00Z');
		await h.service.scheduler.tick();
		expect(h.push.receivedFor(subscriberId)).toHaveLength(1);
	});

	it('sends a test push now (202) and forgets the subscription if the push service says it is gone', async () => {
		const body = validBody();
		const tag = body.reminders[0].tag;
		const subscriberId = body.subscription.endpoint.split('/').pop() ?? '';
		const { id, secret } = await createThroughApi(h.service, body);
		const path = `/api/subscriptions/${id}/test`;
		const test = () =>
			h.service.api.test(apiEvent(path, { body: { tag }, params: { id }, secret }));

		expect(
			(await h.service.api.test(apiEvent(path, { body: { tag }, params: { id } }))).status
		).toBe(401);
		const accepted = await test();
		expect(accepted.status).toBe(202);
		await h.service.api.settled();
		expect(h.push.receivedFor(subscriberId).map((push) => push.payload)).toEqual([
			{ title: 'Homeplay', body: "Time for today's Homeplay practice", url: '/today', tag }
		]);

		h.push.expire(subscriberId, 410);
		expect((await test()).status).toBe(202);
		await h.service.api.settled();
		expect(h.service.store.subscription(id)).toBeUndefined();
		expect((await test()).status).toBe(404);
	});
});

describe('reminder API routes', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'homeplay-routes-'));
	const names = [
		'HOMEPLAY_DATA_DIR',
		'PUSH_HOST_ALLOWLIST',
		'VAPID_PUBLIC_KEY',
		'VAPID_PRIVATE_KEY',
		'VAPID_SUBJECT'
	];
	const saved = names.map((name) => [name, process.env[name]] as const);

	afterAll(async () => {
		await stopReminders();
		for (const [name, value] of saved) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('are never prerendered and forward to the API with the environment’s configuration', async () => {
		process.env.HOMEPLAY_DATA_DIR = dataDir;
		process.env.PUSH_HOST_ALLOWLIST = '127.0.0.1';
		process.env.VAPID_SUBJECT = 'mailto:reminders@example.org';
		delete process.env.VAPID_PUBLIC_KEY;
		delete process.env.VAPID_PRIVATE_KEY;
		const routes = {
			publicKey: await import('../../src/routes/api/push/public-key/+server'),
			subscriptions: await import('../../src/routes/api/subscriptions/+server'),
			subscription: await import('../../src/routes/api/subscriptions/[id]/+server'),
			skip: await import('../../src/routes/api/subscriptions/[id]/skip/+server'),
			test: await import('../../src/routes/api/subscriptions/[id]/test/+server')
		};
		for (const route of Object.values(routes)) expect(route.prerender).toBe(false);

		type Handler = (event: never) => Response | Promise<Response>;
		const call = (handler: Handler, event: ApiEvent) => handler(event as never);

		const keyResponse = await call(routes.publicKey.GET, apiEvent('/api/push/public-key'));
		const stored = JSON.parse(readFileSync(join(dataDir, 'vapid.json'), 'utf8')) as {
			publicKey: string;
		};
		expect(await keyResponse.json()).toEqual({ publicKey: stored.publicKey });

		const body = validBody();
		const created = await call(routes.subscriptions.POST, apiEvent('/api/subscriptions', { body }));
		expect(created.status).toBe(201);
		const { id, secret } = (await created.json()) as { id: string; secret: string };
		const skipped = await call(
			routes.skip.POST,
			apiEvent(`/api/subscriptions/${id}/skip`, {
				body: { tag: body.reminders[0].tag, date: new Date().toISOString().slice(0, 10) },
				params: { id },
				secret
			})
		);
		expect(skipped.status).toBe(204);
		const deleted = await call(
			routes.subscription.DELETE,
			apiEvent(`/api/subscriptions/${id}`, { method: 'DELETE', params: { id }, secret })
		);
		expect(deleted.status).toBe(204);
	});
});
