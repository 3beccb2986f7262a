import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	applicationServerKey,
	createSubscription,
	deleteSubscription,
	getPushPublicKey,
	pushSubscriptionInput,
	ReminderApiError,
	sendTestReminder,
	skipReminders,
	updateSubscription
} from '$lib/reminders/api-client';
import type { ReminderApi } from '$lib/server/reminders';
import { newTag, startHarness, type Harness } from './support/reminders-harness';

let h: Harness;

beforeAll(async () => {
	h = await startHarness('2026-06-01T10:00:00Z');
});

afterAll(async () => {
	await h.close();
});

/** A `fetch` that hands each request to the API handlers, as SvelteKit's router would. */
function fetchThroughApi(api: ReminderApi): typeof fetch {
	return async (input, init) => {
		const request = new Request(new URL(String(input), 'http://localhost'), init);
		const path = new URL(request.url).pathname;
		const [, , , id, action] = path.split('/');
		const event = { request, params: { id }, getClientAddress: () => '198.51.100.20' };
		if (path === '/api/push/public-key' && request.method === 'GET') return api.publicKey(event);
		if (path === '/api/subscriptions' && request.method === 'POST') return api.create(event);
		if (action === 'skip' && request.method === 'POST') return api.skip(event);
		if (action === 'test' && request.method === 'POST') return api.test(event);
		if (!action && request.method === 'PUT') return api.update(event);
		if (!action && request.method === 'DELETE') return api.remove(event);
		return new Response('Not found', { status: 404 });
	};
}

describe('reminder API client', () => {
	it('goes through the whole life of a subscription', async () => {
		const fetchImpl = fetchThroughApi(h.service.api);
		const publicKey = await getPushPublicKey(fetchImpl);
		expect(publicKey).toBe(h.config.vapid.publicKey);
		const key = applicationServerKey(publicKey);
		expect(key).toHaveLength(65);
		expect(key[0]).toBe(4);

		const subscriber = h.push.subscriber();
		const tag = newTag();
		// What the browser's PushSubscription.toJSON() gives, expirationTime included.
		const browserJson = {
			endpoint: subscriber.endpoint,
			expirationTime: null,
			keys: subscriber.keys
		};
		const body = {
			subscription: pushSubscriptionInput(browserJson),
			timeZone: 'Europe/Berlin',
			reminders: [{ tag, times: [{ time: '18:30', days: [1] }] }]
		};
		const credentials = await createSubscription(body, fetchImpl);
		expect(credentials.secret).toHaveLength(43);

		await updateSubscription(
			credentials,
			{ ...body, reminders: [{ tag, times: [{ time: '19:00', days: [1, 2] }] }] },
			fetchImpl
		);
		await skipReminders(credentials, { tag, date: '2026-06-01' }, fetchImpl);
		await sendTestReminder(credentials, { tag }, fetchImpl);
		await h.service.api.settled();
		expect(h.push.receivedFor(subscriber.id)).toHaveLength(1);
		await deleteSubscription(credentials, fetchImpl);
		expect(h.service.store.subscription(credentials.id)).toBeUndefined();
	});

	it('throws errors that say what failed and why', async () => {
		const fetchImpl = fetchThroughApi(h.service.api);
		const stranger = { id: 'A'.repeat(22), secret: 'B'.repeat(43) };
		await expect(deleteSubscription(stranger, fetchImpl)).rejects.toMatchObject({
			name: 'ReminderApiError',
			status: 404,
			message: 'Could not turn reminders off: No such subscription. (HTTP 404).'
		});

		const subscriber = h.push.subscriber();
		const refused = createSubscription(
			{
				subscription: { endpoint: 'https://example.com/push', keys: subscriber.keys },
				timeZone: 'Europe/Berlin',
				reminders: []
			},
			fetchImpl
		);
		await expect(refused).rejects.toThrow(
			/Could not turn reminders on: .*host is not allowed.*HTTP 400/
		);

		const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
		await expect(getPushPublicKey(offline)).rejects.toMatchObject({
			status: 0,
			message: 'Could not get the push key: the reminder server is unreachable.'
		});

		const staticHost: typeof fetch = () =>
			Promise.resolve(new Response('<h1>Not found</h1>', { status: 404 }));
		await expect(getPushPublicKey(staticHost)).rejects.toThrow(
			'Could not get the push key: this server has no reminder API (HTTP 404).'
		);
		await expect(getPushPublicKey(staticHost)).rejects.toBeInstanceOf(ReminderApiError);
	});

	it('refuses a push subscription without keys before calling the server', () => {
		expect(() => pushSubscriptionInput({ endpoint: 'https://fcm.googleapis.com/x' })).toThrow(
			ReminderApiError
		);
	});
});
