import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import webpush from 'web-push';
import { expect, it } from 'vitest';
import { createReminderService } from '$lib/server/reminders';
import { hashSecret, newSecret, newSubscriptionId } from '$lib/server/reminders/secrets';
import type { FakeSubscriber, IpcStats } from '../unit/support/fake-push-service';
import { report } from './measure';

const SUBSCRIPTIONS = 10_000;
/** The sender's default; the agent gets as many sockets. */
const CONCURRENCY = 100;
/** Monday 1 June 2026, 16:30Z: 18:30 in Berlin, 12:30 in New York, 22:00 in Kolkata. */
const DUE = Date.parse('2026-06-01T16:30:00Z');
const ZONES: [string, string][] = [
	['Europe/Berlin', '18:30'],
	['America/New_York', '12:30'],
	['Asia/Kolkata', '22:00'],
	['Europe/London', '17:30']
];

/**
 * Runs the fake push service in its own process, so that the figures below are the reminder
 * server's alone (memory, CPU) and the push service gets the machine's other core, as a real one
 * would be elsewhere. The TypeScript module is transpiled to CommonJS for plain `node`.
 */
async function startFakePushProcess(vapidPublicKey: string, dir: string) {
	const source = readFileSync(resolve('tests/unit/support/fake-push-service.ts'), 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: {
			module: ts.ModuleKind.CommonJS,
			target: ts.ScriptTarget.ES2022,
			esModuleInterop: true
		}
	});
	writeFileSync(join(dir, 'fake-push-service.cjs'), outputText);
	writeFileSync(
		join(dir, 'main.cjs'),
		"require('./fake-push-service.cjs').serveOverIpc({ vapidPublicKey: process.env.VAPID_KEY });\n"
	);
	const child = fork(join(dir, 'main.cjs'), [], {
		env: { ...process.env, NODE_PATH: resolve('node_modules'), VAPID_KEY: vapidPublicKey },
		execArgv: [],
		stdio: 'inherit'
	});
	const ready = await nextMessage<{ origin: string; ca: string }>(child);
	return { child, ...ready };
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
	return new Promise((resolvePromise, reject) => {
		const onMessage = (message: unknown) => {
			child.off('exit', onExit);
			resolvePromise(message as T);
		};
		const onExit = (code: number | null) => {
			child.off('message', onMessage);
			reject(new Error(`fake push service exited (${code})`));
		};
		child.once('message', onMessage);
		child.once('exit', onExit);
	});
}

async function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
	const answer = nextMessage<T>(child);
	child.send(message as object);
	return answer;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

it('reminders: 10,000 subscriptions due in the same minute', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'homeplay-reminders-bench-'));
	const keys = webpush.generateVAPIDKeys();
	const push = await startFakePushProcess(keys.publicKey, dir);
	const agent = new Agent({ ca: push.ca, keepAlive: true, maxSockets: CONCURRENCY });
	// The scheduler's clock reads DUE two seconds after it starts, then runs in real time.
	let offset = 0;
	const service = createReminderService({
		config: {
			dataDir: join(dir, 'data'),
			vapid: { ...keys, subject: 'mailto:bench@example.org' },
			pushHostAllowList: ['127.0.0.1']
		},
		sender: { agent },
		scheduler: { now: () => Date.now() + offset, tickIntervalMs: 10_000 }
	});
	try {
		const subscribers = await ask<FakeSubscriber[]>(push.child, {
			type: 'subscribers',
			count: SUBSCRIPTIONS
		});
		const seedStart = performance.now();
		service.store.transaction(() => {
			subscribers.forEach((subscriber, i) => {
				const [timeZone, time] = ZONES[i % ZONES.length];
				service.store.createSubscription({
					id: newSubscriptionId(),
					secretHash: hashSecret(newSecret()),
					endpoint: subscriber.endpoint,
					p256dh: subscriber.keys.p256dh,
					auth: subscriber.keys.auth,
					timeZone,
					reminders: [
						{
							tag: randomBytes(16).toString('base64url'),
							times: [{ time, days: [0, 1, 2, 3, 4, 5, 6] }]
						}
					]
				});
			});
		});
		const seedMs = performance.now() - seedStart;

		global.gc?.();
		const baseline = process.memoryUsage();
		let peakRss = baseline.rss;
		let peakHeap = baseline.heapUsed;
		const sampler = setInterval(() => {
			const usage = process.memoryUsage();
			peakRss = Math.max(peakRss, usage.rss);
			peakHeap = Math.max(peakHeap, usage.heapUsed);
		}, 25);

		const realDue = Date.now() + 2000;
		offset = DUE - realDue;
		service.scheduler.start();
		let stats = await ask<IpcStats>(push.child, { type: 'stats' });
		while (stats.received + stats.rejected < SUBSCRIPTIONS && Date.now() - realDue < 90_000) {
			await new Promise((r) => setTimeout(r, 250));
			stats = await ask<IpcStats>(push.child, { type: 'stats' });
		}
		clearInterval(sampler);

		const dueToFirst = stats.firstReceivedAt - realDue;
		const dueToLast = stats.lastReceivedAt - realDue;
		report(
			`Reminders: ${SUBSCRIPTIONS.toLocaleString('en')} subscriptions due in the same minute`,
			[
				{ figure: 'delivered', value: stats.received },
				{ figure: 'refused by the push service', value: stats.rejected },
				{ figure: 'due → first delivery (tick every 10 s)', value: seconds(dueToFirst) },
				{ figure: 'due → last delivery', value: seconds(dueToLast) },
				{
					figure: 'first → last delivery',
					value: seconds(stats.lastReceivedAt - stats.firstReceivedAt)
				},
				{
					figure: 'deliveries per second',
					value: Math.round(
						stats.received / ((stats.lastReceivedAt - stats.firstReceivedAt) / 1000)
					)
				},
				{
					figure: 'pushes in flight (peak, limit)',
					value: `${service.sender.peakInFlight}, ${CONCURRENCY}`
				},
				{ figure: 'server RSS: before → peak', value: `${mb(baseline.rss)} → ${mb(peakRss)}` },
				{
					figure: 'server heap: before → peak',
					value: `${mb(baseline.heapUsed)} → ${mb(peakHeap)}`
				},
				{ figure: 'seeding 10,000 subscriptions', value: seconds(seedMs) }
			]
		);
		if (stats.reasons.length) console.log('push service refusals:', stats.reasons);

		expect(stats.rejected).toBe(0);
		expect(stats.received).toBe(SUBSCRIPTIONS);
		expect(dueToLast).toBeLessThan(60_000);
	} finally {
		await service.close();
		agent.destroy();
		await ask(push.child, { type: 'close' }).catch(() => undefined);
		rmSync(dir, { recursive: true, force: true });
	}
});
