import type {
	CreatedSubscription,
	PushSubscriptionInput,
	SkipBody,
	SubscriptionBody,
	TestBody
} from './types';

/**
 * Browser calls to Homeplay's reminder API. Each function throws a `ReminderApiError` whose
 * message says what failed and why (the server's reason, or that it could not be reached).
 */

/** What the client keeps after creating a subscription; the secret proves ownership. */
export interface SubscriptionCredentials {
	id: string;
	secret: string;
}

/** A failed reminder API call. `status` is 0 when the server could not be reached. */
export class ReminderApiError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
		this.name = 'ReminderApiError';
	}
}

type Fetch = typeof fetch;

/** The server's VAPID public key (base64url), for `pushManager.subscribe`. */
export async function getPushPublicKey(fetchImpl: Fetch = fetch): Promise<string> {
	const response = await call(fetchImpl, 'get the push key', '/api/push/public-key', {
		method: 'GET'
	});
	const { publicKey } = (await response.json()) as { publicKey: string };
	return publicKey;
}

/** Registers a push subscription and its reminders; keep the returned secret on the device. */
export async function createSubscription(
	body: SubscriptionBody,
	fetchImpl: Fetch = fetch
): Promise<CreatedSubscription> {
	const response = await call(fetchImpl, 'turn reminders on', '/api/subscriptions', {
		method: 'POST',
		body
	});
	return (await response.json()) as CreatedSubscription;
}

/** Replaces the endpoint, keys, time zone and reminders of a subscription. */
export async function updateSubscription(
	credentials: SubscriptionCredentials,
	body: SubscriptionBody,
	fetchImpl: Fetch = fetch
): Promise<void> {
	await call(fetchImpl, 'update reminders', subscriptionPath(credentials), {
		method: 'PUT',
		body,
		secret: credentials.secret
	});
}

/** Deletes the subscription and everything the server holds for it. */
export async function deleteSubscription(
	credentials: SubscriptionCredentials,
	fetchImpl: Fetch = fetch
): Promise<void> {
	await call(fetchImpl, 'turn reminders off', subscriptionPath(credentials), {
		method: 'DELETE',
		secret: credentials.secret
	});
}

/** Skips a tag's remaining reminders on one local date (e.g. today's practice is all logged). */
export async function skipReminders(
	credentials: SubscriptionCredentials,
	body: SkipBody,
	fetchImpl: Fetch = fetch
): Promise<void> {
	await call(fetchImpl, 'skip today’s reminders', `${subscriptionPath(credentials)}/skip`, {
		method: 'POST',
		body,
		secret: credentials.secret
	});
}

/** Asks the server to send one reminder push now. */
export async function sendTestReminder(
	credentials: SubscriptionCredentials,
	body: TestBody,
	fetchImpl: Fetch = fetch
): Promise<void> {
	await call(fetchImpl, 'send a test reminder', `${subscriptionPath(credentials)}/test`, {
		method: 'POST',
		body,
		secret: credentials.secret
	});
}

/**
 * The endpoint and keys of a browser `PushSubscription`, and nothing else (`toJSON()` also has
 * `expirationTime`, which the server's strict schema refuses).
 */
export function pushSubscriptionInput(
	subscription: PushSubscription | PushSubscriptionJSON
): PushSubscriptionInput {
	const json = 'toJSON' in subscription ? subscription.toJSON() : subscription;
	const { endpoint, keys } = json;
	if (!endpoint || !keys?.p256dh || !keys.auth) {
		throw new ReminderApiError('This push subscription has no endpoint or keys.', 0);
	}
	return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } };
}

/** Decodes the base64url VAPID key for `pushManager.subscribe({ applicationServerKey })`. */
export function applicationServerKey(publicKey: string): Uint8Array<ArrayBuffer> {
	const base64 = publicKey.replace(/-/g, '+').replace(/_/g, '/');
	const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function subscriptionPath({ id }: SubscriptionCredentials): string {
	return `/api/subscriptions/${encodeURIComponent(id)}`;
}

async function call(
	fetchImpl: Fetch,
	action: string,
	path: string,
	init: { method: string; body?: unknown; secret?: string }
): Promise<Response> {
	const headers: Record<string, string> = {};
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	if (init.secret) headers.authorization = `Bearer ${init.secret}`;
	let response: Response;
	try {
		response = await fetchImpl(path, {
			method: init.method,
			headers,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
			cache: 'no-store'
		});
	} catch {
		throw new ReminderApiError(`Could not ${action}: the reminder server is unreachable.`, 0);
	}
	if (response.ok) return response;
	throw new ReminderApiError(
		`Could not ${action}: ${await reasonOf(response)} (HTTP ${response.status}).`,
		response.status
	);
}

async function reasonOf(response: Response): Promise<string> {
	try {
		const { error } = (await response.json()) as { error?: unknown };
		if (typeof error === 'string' && error) return error;
	} catch {
		// Not our JSON (a proxy's error page, a static host without the API): say so plainly.
	}
	if (response.status === 404 || response.status === 405) {
		return 'this server has no reminder API';
	}
	return response.statusText || 'the reminder server refused';
}
