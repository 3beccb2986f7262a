import type { Agent } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import webpush from 'web-push';
import type { ReminderPushPayload } from '$lib/reminders/types';
import { ConcurrencyLimit, NotStartedError } from './concurrency-limit';
import type { Logger, VapidKeys } from './config';
import type { PushTarget } from './store';

/** How one push ended. `cancelled`: stopped (shutdown) before a push service accepted it. */
export type PushOutcome =
	| { status: 'sent'; attempts: number }
	| { status: 'gone'; attempts: number }
	| { status: 'failed'; attempts: number; reason: string }
	| { status: 'cancelled'; attempts: number };

export interface PushSenderOptions {
	vapid: VapidKeys;
	/** TLS agent for the push requests: keep-alive in production, a test CA in tests. */
	agent?: Agent;
	/** Push requests in flight at most (waiting between retries does not count). */
	concurrency?: number;
	/** How long the push service keeps an undelivered reminder, in seconds. */
	ttlSeconds?: number;
	/** Socket inactivity timeout of one push request. */
	timeoutMs?: number;
	/** Tries per push, the first included, for 429 and 5xx answers. */
	maxAttempts?: number;
	baseRetryDelayMs?: number;
	/** A push service asking to wait longer than this (Retry-After) gets no further try. */
	maxRetryDelayMs?: number;
	log?: Logger;
}

export interface PushSender {
	/** Encrypts and posts `payload` to `target`, retrying 429 and 5xx answers with backoff. */
	send(
		target: PushTarget,
		payload: ReminderPushPayload,
		signal?: AbortSignal
	): Promise<PushOutcome>;
	/** The most push requests that were ever in flight at once. */
	readonly peakInFlight: number;
}

/** The only text a reminder push carries: generic, the same for every family. */
export function reminderPayload(tag: string): ReminderPushPayload {
	return { title: 'Homeplay', body: "Time for today's Homeplay practice", url: '/today', tag };
}

// A VAPID token may live up to 24 h; it is reused for 11 h and renewed with 1 h to spare.
const VAPID_TOKEN_LIFETIME_S = 12 * 3600;
const VAPID_TOKEN_RENEW_BEFORE_S = 3600;

/** Creates the web-push sender. */
export function createPushSender(options: PushSenderOptions): PushSender {
	const limit = new ConcurrencyLimit(options.concurrency ?? 100);
	const log = options.log ?? console;
	const maxAttempts = options.maxAttempts ?? 4;
	const baseRetryDelayMs = options.baseRetryDelayMs ?? 1000;
	const maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
	const vapidTokens = new Map<string, { authorization: string; expiresAt: number }>();

	/** Signing a VAPID token costs more than encrypting the payload, so one per push service. */
	function vapidAuthorization(endpoint: string): string {
		const audience = new URL(endpoint).origin;
		const nowS = Math.floor(Date.now() / 1000);
		const cached = vapidTokens.get(audience);
		if (cached && cached.expiresAt - nowS > VAPID_TOKEN_RENEW_BEFORE_S) return cached.authorization;
		const expiresAt = nowS + VAPID_TOKEN_LIFETIME_S;
		const { vapid } = options;
		const headers = webpush.getVapidHeaders(
			audience,
			vapid.subject,
			vapid.publicKey,
			vapid.privateKey,
			'aes128gcm',
			expiresAt
		);
		vapidTokens.set(audience, { authorization: headers.Authorization, expiresAt });
		return headers.Authorization;
	}

	async function attempt(target: PushTarget, body: string): Promise<Attempt> {
		try {
			await webpush.sendNotification(target, body, {
				TTL: options.ttlSeconds ?? 2 * 3600,
				timeout: options.timeoutMs ?? 15_000,
				agent: options.agent,
				headers: { Authorization: vapidAuthorization(target.endpoint) }
			});
			return { kind: 'sent' };
		} catch (error) {
			if (!(error instanceof webpush.WebPushError)) {
				return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
			}
			const { statusCode } = error;
			if (statusCode === 404 || statusCode === 410) return { kind: 'gone' };
			if (statusCode === 429 || statusCode >= 500) {
				return {
					kind: 'retry',
					reason: `HTTP ${statusCode}`,
					retryAfterMs: retryAfterMs(error.headers?.['retry-after'])
				};
			}
			// The body explains refusals like 403 (wrong VAPID key); a few words of it are enough.
			const detail = String(error.body ?? '').slice(0, 200);
			return { kind: 'failed', reason: `HTTP ${statusCode} ${detail}`.trim() };
		}
	}

	async function send(
		target: PushTarget,
		payload: ReminderPushPayload,
		signal?: AbortSignal
	): Promise<PushOutcome> {
		const body = JSON.stringify(payload);
		const host = safeHost(target.endpoint);
		for (let attempts = 1; ; attempts++) {
			let result: Attempt;
			try {
				result = await limit.run(() => attempt(target, body), signal);
			} catch (error) {
				if (error instanceof NotStartedError)
					return { status: 'cancelled', attempts: attempts - 1 };
				throw error;
			}
			if (result.kind === 'sent') return { status: 'sent', attempts };
			if (result.kind === 'gone') return { status: 'gone', attempts };
			if (result.kind === 'failed') {
				log.warn(`reminders: push to ${host} failed: ${result.reason}`);
				return { status: 'failed', attempts, reason: result.reason };
			}
			const backoff = baseRetryDelayMs * 2 ** (attempts - 1) * (0.5 + Math.random() / 2);
			const wait = Math.max(backoff, result.retryAfterMs ?? 0);
			if (attempts >= maxAttempts || wait > maxRetryDelayMs) {
				const reason = `${result.reason} after ${attempts} tries`;
				log.warn(`reminders: push to ${host} gave up: ${reason}`);
				return { status: 'failed', attempts, reason };
			}
			try {
				await delay(wait, undefined, { signal });
			} catch {
				return { status: 'cancelled', attempts };
			}
		}
	}

	return {
		send,
		get peakInFlight() {
			return limit.peak;
		}
	};
}

type Attempt =
	| { kind: 'sent' }
	| { kind: 'gone' }
	| { kind: 'retry'; reason: string; retryAfterMs?: number }
	| { kind: 'failed'; reason: string };

/** `Retry-After` in milliseconds: either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(
	header: string | string[] | undefined,
	now = Date.now()
): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (!value) return undefined;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The endpoint's host, for logs: the path is a capability and stays out of them. */
function safeHost(endpoint: string): string {
	try {
		return new URL(endpoint).host;
	} catch {
		return '(invalid endpoint)';
	}
}
