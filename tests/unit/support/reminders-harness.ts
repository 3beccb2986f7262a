import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import type { Logger, RemindersConfig } from '$lib/server/reminders/config';
import { createReminderService, type ReminderService } from '$lib/server/reminders';
import type { ApiEvent } from '$lib/server/reminders/http-api';
import type { ReminderInput, SubscriptionBody } from '$lib/reminders/types';
import { FakePushService, type FakeSubscriber } from './fake-push-service';

/** A settable clock in epoch milliseconds. */
export class FakeClock {
	constructor(public time: number) {}
	readonly now = () => this.time;
	set(iso: string): void {
		this.time = Date.parse(iso);
	}
	advance(ms: number): void {
		this.time += ms;
	}
}

/** Collects log lines instead of printing them, so expected failures stay quiet. */
export function recordingLogger(): Logger & { lines: string[] } {
	const lines: string[] = [];
	const record = (...args: unknown[]) => {
		lines.push(args.map(String).join(' '));
	};
	return { lines, info: record, warn: record, error: record };
}

export interface Harness {
	push: FakePushService;
	clock: FakeClock;
	config: RemindersConfig;
	log: ReturnType<typeof recordingLogger>;
	service: ReminderService;
	/** Closes the service (as a shutdown would) and opens a new one on the same data directory. */
	restart(): Promise<void>;
	close(): Promise<void>;
}

/**
 * A reminder service on a temporary data directory, a fake clock and a local fake push service
 * it trusts (and only it: the allow-list holds 127.0.0.1).
 */
export async function startHarness(startAt = '2026-06-01T00:00:00Z'): Promise<Harness> {
	const keys = webpush.generateVAPIDKeys();
	const push = await FakePushService.start({ vapidPublicKey: keys.publicKey });
	const dataDir = mkdtempSync(join(tmpdir(), 'homeplay-reminders-'));
	const config: RemindersConfig = {
		dataDir,
		vapid: { ...keys, subject: 'mailto:reminders@example.org' },
		pushHostAllowList: ['127.0.0.1']
	};
	const clock = new FakeClock(Date.parse(startAt));
	const log = recordingLogger();
	const agent = new Agent({ ca: push.ca, keepAlive: true });
	const open = () =>
		createReminderService({
			config,
			log,
			sender: { agent, baseRetryDelayMs: 20, maxRetryDelayMs: 2000 },
			scheduler: { now: clock.now }
		});
	const harness: Harness = {
		push,
		clock,
		config,
		log,
		service: open(),
		async restart() {
			await harness.service.close();
			harness.service = open();
		},
		async close() {
			await harness.service.close();
			agent.destroy();
			await push.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return harness;
}

/** A random 22-character tag, as the client makes them. */
export function newTag(): string {
	return crypto.randomUUID().replace(/-/g, '').slice(0, 22);
}

/** A create/update body for a fake subscriber. */
export function subscriptionBody(
	subscriber: FakeSubscriber,
	timeZone: string,
	reminders: ReminderInput[]
): SubscriptionBody {
	return {
		subscription: { endpoint: subscriber.endpoint, keys: subscriber.keys },
		timeZone,
		reminders
	};
}

let addressCounter = 0;

/** A request event as SvelteKit would pass it; each call gets its own client address by default. */
export function apiEvent(
	path: string,
	init: {
		method?: string;
		body?: unknown;
		rawBody?: string;
		secret?: string;
		contentType?: string;
		params?: Record<string, string>;
		address?: string;
	} = {}
): ApiEvent {
	const headers: Record<string, string> = {};
	const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
	if (body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
	if (init.secret) headers.authorization = `Bearer ${init.secret}`;
	const address = init.address ?? `192.0.2.${++addressCounter % 250}`;
	return {
		request: new Request(`http://localhost${path}`, {
			method: init.method ?? (body === undefined ? 'GET' : 'POST'),
			headers,
			body
		}),
		params: init.params ?? {},
		getClientAddress: () => address
	};
}

/** Creates a subscription through the API and returns its credentials. */
export async function createThroughApi(
	service: ReminderService,
	body: SubscriptionBody
): Promise<{ id: string; secret: string }> {
	const response = await service.api.create(apiEvent('/api/subscriptions', { body }));
	if (response.status !== 201) {
		throw new Error(`create failed: ${response.status} ${await response.text()}`);
	}
	return (await response.json()) as { id: string; secret: string };
}
