import * as v from 'valibot';
import type { CreatedSubscription } from '$lib/reminders/types';
import type { Logger, RemindersConfig } from './config';
import { localDateAt } from './local-time';
import { reminderPayload, type PushSender } from './push-sender';
import { RateLimiter } from './rate-limiter';
import {
	describeIssues,
	skipBodySchema,
	subscriptionBodySchema,
	testBodySchema
} from './request-schema';
import {
	bearerSecret,
	hashSecret,
	newSecret,
	newSubscriptionId,
	secretMatches,
	SUBSCRIPTION_ID_PATTERN
} from './secrets';
import type { ReminderStore } from './store';

/** The parts of SvelteKit's `RequestEvent` the handlers use, so tests can call them directly. */
export interface ApiEvent {
	request: Request;
	params: Partial<Record<string, string>>;
	getClientAddress(): string;
}

export interface ReminderApiOptions {
	store: ReminderStore;
	sender: PushSender;
	config: Pick<RemindersConfig, 'vapid' | 'pushHostAllowList'>;
	/** Requests per minute per client address (default 30). */
	rateLimiter?: RateLimiter;
	/** Largest request body accepted (default 8 KB). */
	maxBodyBytes?: number;
	/** Beyond this many subscriptions, new ones are refused (default 100,000). */
	maxSubscriptions?: number;
	now?: () => number;
	log?: Logger;
}

export type ReminderApi = ReturnType<typeof createReminderApi>;

const DAY = 86_400_000;

/** A refusal with its HTTP status; the message is safe to show to the client. */
class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

/** The reminder API's request handlers; `src/routes/api/` only forwards to these. */
export function createReminderApi(options: ReminderApiOptions) {
	const { store, sender, config } = options;
	const rateLimiter = options.rateLimiter ?? new RateLimiter(30);
	const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024;
	const maxSubscriptions = options.maxSubscriptions ?? 100_000;
	const now = options.now ?? Date.now;
	const log = options.log ?? console;
	const subscriptionSchema = subscriptionBodySchema(config.pushHostAllowList);
	const testSends = new Set<Promise<void>>();

	/** Rate-limits, runs `work` and turns refusals and failures into JSON error answers. */
	async function respond(event: ApiEvent, work: () => Promise<Response> | Response) {
		try {
			const wait = rateLimiter.take(event.getClientAddress());
			if (wait > 0) {
				throw new HttpError(429, 'Too many requests; try again later.', {
					'retry-after': String(wait)
				});
			}
			return await work();
		} catch (error) {
			if (error instanceof HttpError) {
				return jsonResponse(error.status, { error: error.message }, error.headers);
			}
			log.error('reminders: request failed', error);
			return jsonResponse(500, { error: 'The reminder server failed; try again later.' });
		}
	}

	/** The subscription id of an authorised request: the bearer secret must match its hash. */
	function authorise(event: ApiEvent): string {
		const id = event.params.id ?? '';
		const secret = bearerSecret(event.request.headers.get('authorization'));
		if (!secret) throw new HttpError(401, 'Send the subscription secret as a Bearer token.');
		const storedHash = SUBSCRIPTION_ID_PATTERN.test(id) ? store.secretHash(id) : undefined;
		const matches = secretMatches(secret, storedHash);
		if (!storedHash) throw new HttpError(404, 'No such subscription.');
		if (!matches) throw new HttpError(401, 'Wrong subscription secret.');
		return id;
	}

	async function validBody<T extends v.GenericSchema>(
		request: Request,
		schema: T
	): Promise<v.InferOutput<T>> {
		const text = await readBody(request, maxBodyBytes);
		let data: unknown;
		try {
			data = JSON.parse(text);
		} catch {
			throw new HttpError(400, 'The body is not JSON.');
		}
		const result = v.safeParse(schema, data);
		if (!result.success) throw new HttpError(400, describeIssues(result.issues));
		return result.output;
	}

	function requireTag(id: string, tag: string) {
		const subscription = store.subscription(id);
		if (!subscription?.tags.includes(tag)) {
			throw new HttpError(404, 'This subscription has no reminder with that tag.');
		}
		return subscription;
	}

	return {
		/** `GET /api/push/public-key`: the VAPID key browsers subscribe with. */
		publicKey: (event: ApiEvent) =>
			respond(event, () => jsonResponse(200, { publicKey: config.vapid.publicKey })),

		/** `POST /api/subscriptions` → 201 `{ id, secret }`; the only time the secret is sent. */
		create: (event: ApiEvent) =>
			respond(event, async () => {
				const body = await validBody(event.request, subscriptionSchema);
				if (store.subscriptionCount() >= maxSubscriptions) {
					throw new HttpError(503, 'The reminder server is full; try again later.');
				}
				const created: CreatedSubscription = { id: newSubscriptionId(), secret: newSecret() };
				store.createSubscription({
					id: created.id,
					secretHash: hashSecret(created.secret),
					endpoint: body.subscription.endpoint,
					p256dh: body.subscription.keys.p256dh,
					auth: body.subscription.keys.auth,
					timeZone: body.timeZone,
					reminders: body.reminders
				});
				return jsonResponse(201, created, { location: `/api/subscriptions/${created.id}` });
			}),

		/** `PUT /api/subscriptions/[id]` → 204: replaces endpoint, keys, time zone and reminders. */
		update: (event: ApiEvent) =>
			respond(event, async () => {
				const id = authorise(event);
				const body = await validBody(event.request, subscriptionSchema);
				const updated = store.updateSubscription({
					id,
					endpoint: body.subscription.endpoint,
					p256dh: body.subscription.keys.p256dh,
					auth: body.subscription.keys.auth,
					timeZone: body.timeZone,
					reminders: body.reminders
				});
				if (!updated) throw new HttpError(404, 'No such subscription.');
				return emptyResponse(204);
			}),

		/** `DELETE /api/subscriptions/[id]` → 204: forgets everything about the subscription. */
		remove: (event: ApiEvent) =>
			respond(event, () => {
				store.deleteSubscription(authorise(event));
				return emptyResponse(204);
			}),

		/** `POST /api/subscriptions/[id]/skip` → 204: no more reminders for this tag on that day. */
		skip: (event: ApiEvent) =>
			respond(event, async () => {
				const id = authorise(event);
				const body = await validBody(event.request, skipBodySchema);
				const subscription = requireTag(id, body.tag);
				const today = Date.parse(localDateAt(subscription.timeZone, now()));
				const date = Date.parse(body.date);
				// Yesterday (a device a little behind) to a week ahead: anything else is a mistake.
				if (date < today - DAY || date > today + 7 * DAY) {
					throw new HttpError(400, 'The date must be within a day before and a week after today.');
				}
				store.addSkip(id, body.tag, body.date);
				return emptyResponse(204);
			}),

		/** `POST /api/subscriptions/[id]/test` → 202: one reminder push, sent now. */
		test: (event: ApiEvent) =>
			respond(event, async () => {
				const id = authorise(event);
				const body = await validBody(event.request, testBodySchema);
				const subscription = requireTag(id, body.tag);
				const sending = sender
					.send(subscription, reminderPayload(body.tag))
					.then((outcome) => {
						if (outcome.status === 'gone') store.deleteByEndpoint(subscription.endpoint);
					})
					.catch((error: unknown) => log.error('reminders: test push failed', error));
				testSends.add(sending);
				void sending.finally(() => testSends.delete(sending));
				return jsonResponse(202, { accepted: true });
			}),

		/** Resolves once every test push started so far has ended (for tests and shutdown). */
		async settled(): Promise<void> {
			await Promise.allSettled([...testSends]);
		}
	};
}

/** Reads at most `limit` bytes of UTF-8 JSON, refusing larger bodies without buffering them. */
async function readBody(request: Request, limit: number): Promise<string> {
	const type = request.headers.get('content-type') ?? '';
	if (!/^application\/json\s*(;|$)/i.test(type)) {
		throw new HttpError(415, 'Send the body as application/json.');
	}
	const declared = Number(request.headers.get('content-length') ?? 0);
	if (declared > limit) throw new HttpError(413, `The body is larger than ${limit} bytes.`);
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw new HttpError(413, `The body is larger than ${limit} bytes.`);
		}
		chunks.push(value);
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
	} catch {
		throw new HttpError(400, 'The body is not UTF-8.');
	}
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});
}

function emptyResponse(status: number) {
	return new Response(null, { status, headers: { 'cache-control': 'no-store' } });
}
