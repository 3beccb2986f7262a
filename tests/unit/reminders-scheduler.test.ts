import { Agent } from 'node:https';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReminderService } from '$lib/server/reminders';
import type { ReminderInput } from '$lib/reminders/types';
import type { FakeSubscriber } from './support/fake-push-service';
import {
	createThroughApi,
	newTag,
	startHarness,
	subscriptionBody,
	type Harness
} from './support/reminders-harness';

const SECOND = 1000;

let h: Harness;

beforeEach(async () => {
	h = await startHarness();
});

afterEach(async () => {
	await h.close();
});

/** A fake subscriber registered through the API with one reminder; returns both. */
async function subscribe(timeZone: string, reminder: Omit<ReminderInput, 'tag'>) {
	const subscriber = h.push.subscriber();
	const tag = newTag();
	const credentials = await createThroughApi(
		h.service,
		subscriptionBody(subscriber, timeZone, [{ tag, ...reminder }])
	);
	return { subscriber, tag, ...credentials };
}

/**
 * Runs the scheduler as the real loop would (a tick every 10 s) from `fromIso` to `toIso` on
 * the fake clock, and returns, for each push the fake service accepted, the clock time of the
 * tick that sent it.
 */
async function runTicks(fromIso: string, toIso: string, everyMs = 10 * SECOND) {
	const sentAt: { subscriberId: string; tickAt: number; payload: unknown }[] = [];
	h.clock.set(fromIso);
	const end = Date.parse(toIso);
	while (h.clock.time <= end) {
		const before = h.push.received.length;
		await h.service.scheduler.tick();
		for (const push of h.push.received.slice(before)) {
			sentAt.push({ subscriberId: push.subscriberId, tickAt: h.clock.time, payload: push.payload });
		}
		h.clock.advance(everyMs);
	}
	return sentAt;
}

function sentTo(sent: { subscriberId: string; tickAt: number }[], subscriber: FakeSubscriber) {
	return sent.filter((push) => push.subscriberId === subscriber.id).map((push) => push.tickAt);
}

describe('reminder scheduler', () => {
	it('sends each reminder once, within 60 s of its local time, in four time zones', async () => {
		const everyDay = [0, 1, 2, 3, 4, 5, 6];
		const berlin = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: everyDay }] });
		const newYork = await subscribe('America/New_York', {
			times: [{ time: '12:30', days: everyDay }]
		});
		const kolkata = await subscribe('Asia/Kolkata', { times: [{ time: '22:00', days: everyDay }] });
		const lordHowe = await subscribe('Australia/Lord_Howe', {
			times: [{ time: '03:00', days: everyDay }]
		});
		// Monday 1 June 2026: 18:30 CEST = 16:30Z, 12:30 EDT = 16:30Z, 22:00 IST = 16:30Z,
		// and 03:00 on Tuesday 2 June at Lord Howe (+10:30 in winter) = 16:30Z.
		const sent = await runTicks('2026-06-01T16:25:05Z', '2026-06-01T16:40:00Z');
		const due = Date.parse('2026-06-01T16:30:00Z');
		for (const { subscriber, tag } of [berlin, newYork, kolkata, lordHowe]) {
			const times = sentTo(sent, subscriber);
			expect(times).toHaveLength(1);
			expect(times[0]).toBeGreaterThanOrEqual(due);
			expect(times[0] - due).toBeLessThan(60 * SECOND);
			expect(h.push.receivedFor(subscriber.id)[0].payload).toEqual({
				title: 'Homeplay',
				body: "Time for today's Homeplay practice",
				url: '/today',
				tag
			});
		}
		expect(h.push.rejected).toEqual([]);
		expect(h.push.received.every((push) => push.ttl > 0)).toBe(true);
	});

	it('sends only on the chosen weekdays of the local calendar', async () => {
		// 00:15 on Tuesdays in Auckland is Monday 12:15Z (NZST, +12).
		const auckland = await subscribe('Pacific/Auckland', { times: [{ time: '00:15', days: [2] }] });
		const sent = await runTicks('2026-06-01T12:10:00Z', '2026-06-01T12:20:00Z');
		expect(sentTo(sent, auckland.subscriber)).toEqual([Date.parse('2026-06-01T12:15:00Z')]);
		// Wednesday at the same time: not a chosen day.
		const nextDay = await runTicks('2026-06-02T12:10:00Z', '2026-06-02T12:20:00Z');
		expect(sentTo(nextDay, auckland.subscriber)).toEqual([]);
	});

	it('sends a 02:30 reminder once at 03:00 when Berlin springs forward', async () => {
		const { subscriber } = await subscribe('Europe/Berlin', {
			times: [{ time: '02:30', days: [0] }]
		});
		const sent = await runTicks('2026-03-29T00:50:00Z', '2026-03-29T02:00:00Z');
		// 01:00Z is 03:00 CEST, the first valid local time after the skipped hour.
		expect(sentTo(sent, subscriber)).toEqual([Date.parse('2026-03-29T01:00:00Z')]);
	});

	it('sends a 02:15 reminder once when Lord Howe springs forward half an hour', async () => {
		const { subscriber } = await subscribe('Australia/Lord_Howe', {
			times: [{ time: '02:15', days: [0] }]
		});
		const sent = await runTicks('2026-10-03T15:20:00Z', '2026-10-03T16:00:00Z');
		expect(sentTo(sent, subscriber)).toEqual([Date.parse('2026-10-03T15:30:00Z')]);
	});

	it('sends a 01:30 reminder once when New York falls back and 01:30 happens twice', async () => {
		const { subscriber } = await subscribe('America/New_York', {
			times: [{ time: '01:30', days: [0] }]
		});
		const sent = await runTicks('2026-11-01T05:20:00Z', '2026-11-01T06:45:00Z');
		expect(sentTo(sent, subscriber)).toEqual([Date.parse('2026-11-01T05:30:00Z')]);
	});

	it('sends a 02:30 reminder once when Berlin falls back, even after a restart in between', async () => {
		const { subscriber } = await subscribe('Europe/Berlin', {
			times: [{ time: '02:30', days: [0] }]
		});
		// 25 October 2026: 02:30 CEST is 00:30Z; 02:30 CET (the second one) is 01:30Z.
		const first = await runTicks('2026-10-25T00:25:00Z', '2026-10-25T00:35:00Z');
		expect(sentTo(first, subscriber)).toEqual([Date.parse('2026-10-25T00:30:00Z')]);
		await h.restart();
		// Down for 50 minutes: the restart's grace window takes in the second 02:30.
		const second = await runTicks('2026-10-25T01:25:00Z', '2026-10-25T01:40:00Z');
		expect(sentTo(second, subscriber)).toEqual([]);
		expect(h.push.receivedFor(subscriber.id)).toHaveLength(1);
	});

	it('never sends the same reminder twice across a restart', async () => {
		const { subscriber } = await subscribe('Europe/Berlin', {
			times: [{ time: '18:30', days: [1] }]
		});
		await runTicks('2026-06-01T16:29:00Z', '2026-06-01T16:31:00Z');
		expect(h.push.receivedFor(subscriber.id)).toHaveLength(1);
		await h.restart();
		await runTicks('2026-06-01T16:31:10Z', '2026-06-01T16:45:00Z');
		expect(h.push.receivedFor(subscriber.id)).toHaveLength(1);
	});

	it('after downtime sends reminders missed within the grace window once, and not older ones', async () => {
		const recent = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1] }] });
		const old = await subscribe('Europe/Berlin', { times: [{ time: '18:10', days: [1] }] });
		await runTicks('2026-06-01T16:00:00Z', '2026-06-01T16:05:00Z');
		// Down from 18:05 to 18:40 local: 18:30 is 10 minutes late (sent), 18:10 is 30 (not).
		await h.restart();
		const sent = await runTicks('2026-06-01T16:40:00Z', '2026-06-01T16:50:00Z');
		expect(sentTo(sent, recent.subscriber)).toEqual([Date.parse('2026-06-01T16:40:00Z')]);
		expect(sentTo(sent, old.subscriber)).toEqual([]);
		await h.restart();
		await runTicks('2026-06-01T16:50:10Z', '2026-06-01T16:52:00Z');
		expect(h.push.receivedFor(recent.subscriber.id)).toHaveLength(1);
	});

	it('does not fire a reminder whose time had passed when it was created', async () => {
		await runTicks('2026-06-01T16:30:00Z', '2026-06-01T16:35:00Z');
		// Created at 18:35 for 18:30: no "late" push now, the first one comes next week.
		const late = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1] }] });
		const sent = await runTicks('2026-06-01T16:35:10Z', '2026-06-01T16:45:00Z');
		expect(sentTo(sent, late.subscriber)).toEqual([]);
		const nextWeek = await runTicks('2026-06-08T16:29:00Z', '2026-06-08T16:31:00Z');
		expect(sentTo(nextWeek, late.subscriber)).toHaveLength(1);
	});

	it('skips paused reminders until the pause ends, and skipped days', async () => {
		const paused = await subscribe('Europe/Berlin', {
			times: [{ time: '18:30', days: [1, 2, 3] }],
			pausedUntil: '2026-06-02'
		});
		const skipped = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1, 2] }] });
		h.clock.set('2026-06-01T10:00:00Z');
		h.service.store.addSkip(skipped.id, skipped.tag, '2026-06-01');
		const monday = await runTicks('2026-06-01T16:29:00Z', '2026-06-01T16:31:00Z');
		expect(sentTo(monday, paused.subscriber)).toEqual([]);
		expect(sentTo(monday, skipped.subscriber)).toEqual([]);
		const tuesday = await runTicks('2026-06-02T16:29:00Z', '2026-06-02T16:31:00Z');
		expect(sentTo(tuesday, paused.subscriber)).toHaveLength(1);
		expect(sentTo(tuesday, skipped.subscriber)).toHaveLength(1);
	});

	it('forgets a subscription when the push service answers 404 or 410', async () => {
		const gone410 = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1, 2] }] });
		const gone404 = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1, 2] }] });
		const alive = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1, 2] }] });
		h.push.expire(gone410.subscriber.id, 410);
		h.push.expire(gone404.subscriber.id, 404);
		await runTicks('2026-06-01T16:29:50Z', '2026-06-01T16:30:10Z');
		expect(h.service.store.subscription(gone410.id)).toBeUndefined();
		expect(h.service.store.subscription(gone404.id)).toBeUndefined();
		expect(h.service.store.subscription(alive.id)).toBeDefined();
		await runTicks('2026-06-02T16:29:50Z', '2026-06-02T16:30:10Z');
		// One try each, on Monday; nothing on Tuesday.
		expect(h.push.attempts(gone410.subscriber.id)).toBe(1);
		expect(h.push.attempts(gone404.subscriber.id)).toBe(1);
		expect(h.push.receivedFor(alive.subscriber.id)).toHaveLength(2);
	});

	it('retries 429 (honouring Retry-After) and 5xx answers, then delivers once', async () => {
		const throttled = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1] }] });
		const flaky = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1] }] });
		h.push.answerNext(throttled.subscriber.id, { status: 429, retryAfter: '1' });
		h.push.answerNext(flaky.subscriber.id, { status: 500 }, { status: 503 }, { status: 502 });
		h.clock.set('2026-06-01T16:30:00Z');
		const startedAt = Date.now();
		const result = await h.service.scheduler.tick();
		expect(result).toMatchObject({ claimed: 2, sent: 2, failed: 0 });
		expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
		expect(h.push.attempts(throttled.subscriber.id)).toBe(2);
		expect(h.push.attempts(flaky.subscriber.id)).toBe(4);
		expect(h.push.receivedFor(throttled.subscriber.id)).toHaveLength(1);
		expect(h.push.receivedFor(flaky.subscriber.id)).toHaveLength(1);
	});

	it('gives up after a bounded number of tries and does not send that reminder again', async () => {
		const down = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1] }] });
		const tooLong = await subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1] }] });
		h.push.answerNext(down.subscriber.id, ...Array.from({ length: 6 }, () => ({ status: 500 })));
		h.push.answerNext(tooLong.subscriber.id, { status: 429, retryAfter: '3600' });
		h.clock.set('2026-06-01T16:30:00Z');
		const result = await h.service.scheduler.tick();
		expect(result).toMatchObject({ claimed: 2, sent: 0, failed: 2 });
		expect(h.push.attempts(down.subscriber.id)).toBe(4);
		expect(h.push.attempts(tooLong.subscriber.id)).toBe(1);
		await runTicks('2026-06-01T16:30:10Z', '2026-06-01T16:40:00Z');
		expect(h.push.attempts(down.subscriber.id)).toBe(4);
		expect(h.log.lines.some((line) => line.includes('gave up'))).toBe(true);
		// Logs name the push service host, never the endpoint (a capability URL).
		expect(h.log.lines.join('\n')).not.toContain(down.subscriber.id);
	});

	it('on shutdown gives back reminders still queued, so a quick restart sends them once', async () => {
		const subscribers = await Promise.all(
			Array.from({ length: 3 }, () =>
				subscribe('Europe/Berlin', { times: [{ time: '18:30', days: [1] }] })
			)
		);
		for (const { subscriber } of subscribers) {
			h.push.answerNext(subscriber.id, { status: 201, delayMs: 300 });
		}
		await h.service.close();
		h.service = reopen({ concurrency: 1 });
		h.clock.set('2026-06-01T16:30:00Z');
		const ticking = h.service.scheduler.tick();
		await h.push.waitFor(() => h.push.received.length >= 1 || h.push.peakInFlight >= 1);
		await h.service.close();
		const firstRun = await ticking;
		expect(firstRun.sent).toBe(1);
		expect(firstRun.cancelled).toBe(2);
		h.service = reopen();
		await runTicks('2026-06-01T16:31:00Z', '2026-06-01T16:32:00Z');
		expect(h.log.lines).toEqual([]);
		for (const { subscriber } of subscribers) {
			expect(h.push.receivedFor(subscriber.id)).toHaveLength(1);
		}
	});
});

/** A fresh service on the harness's data directory, with other sender settings if given. */
function reopen(sender: { concurrency?: number } = {}) {
	return createReminderService({
		config: h.config,
		log: h.log,
		sender: { agent: new Agent({ ca: h.push.ca }), baseRetryDelayMs: 20, ...sender },
		scheduler: { now: h.clock.now }
	});
}
