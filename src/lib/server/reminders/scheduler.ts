import { setMaxListeners } from 'node:events';
import type { Logger } from './config';
import { localSlotsBetween, type LocalSlot } from './local-time';
import { reminderPayload, type PushOutcome, type PushSender } from './push-sender';
import type { DueRange, DueReminder, ReminderStore } from './store';

export interface SchedulerOptions {
	store: ReminderStore;
	sender: PushSender;
	/** Epoch milliseconds; tests pass a fake clock. */
	now?: () => number;
	tickIntervalMs?: number;
	/** After downtime, reminders up to this old are still sent (once). */
	graceMs?: number;
	log?: Logger;
}

/** What one tick claimed and how its pushes ended. */
export interface TickResult {
	claimed: number;
	sent: number;
	gone: number;
	failed: number;
	cancelled: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Finds the reminders that fell due since the last look, in each subscription's own time zone,
 * and pushes each one once.
 *
 * Every tick looks at the interval since the previous one (persisted, so a restart resumes
 * where the last run stopped), never further back than the grace window. Each due reminder is
 * claimed in the delivery log before it is sent: at most once, across restarts, even if the
 * process dies mid-send.
 */
export class ReminderScheduler {
	readonly #store: ReminderStore;
	readonly #sender: PushSender;
	readonly #now: () => number;
	readonly #tickIntervalMs: number;
	readonly #graceMs: number;
	readonly #log: Logger;
	readonly #pending = new Set<Promise<unknown>>();
	#abort = newAbortController();
	#timer: ReturnType<typeof setInterval> | undefined;
	#lastPrunedAt = 0;
	#settled: { key: DueReminder; status: 'sent' | 'failed' }[] = [];
	#flushTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(options: SchedulerOptions) {
		this.#store = options.store;
		this.#sender = options.sender;
		this.#now = options.now ?? Date.now;
		this.#tickIntervalMs = options.tickIntervalMs ?? 10_000;
		this.#graceMs = options.graceMs ?? 15 * 60_000;
		this.#log = options.log ?? console;
	}

	/** Ticks now and then every interval. The timer does not keep the process alive. */
	start(): void {
		if (this.#timer) return;
		if (this.#abort.signal.aborted) this.#abort = newAbortController();
		const run = () => {
			this.tick().catch((error: unknown) => this.#log.error('reminders: tick failed', error));
		};
		this.#timer = setInterval(run, this.#tickIntervalMs);
		this.#timer.unref();
		run();
	}

	/**
	 * Stops ticking. Pushes in flight finish; queued ones are not sent and their claims are
	 * given back, so a restart within the grace window still sends them.
	 */
	async stop(): Promise<void> {
		clearInterval(this.#timer);
		this.#timer = undefined;
		this.#abort.abort();
		await Promise.allSettled([...this.#pending]);
		this.#flushSettled();
	}

	/** Claims everything due now and sends it; resolves when every push of this tick has ended. */
	async tick(): Promise<TickResult> {
		const claimed = this.#claimDue(this.#now());
		const signal = this.#abort.signal;
		const outcomes = await Promise.all(claimed.map((reminder) => this.#deliver(reminder, signal)));
		this.#flushSettled();
		const result: TickResult = {
			claimed: claimed.length,
			sent: 0,
			gone: 0,
			failed: 0,
			cancelled: 0
		};
		for (const outcome of outcomes) result[outcome.status]++;
		return result;
	}

	#claimDue(now: number): DueReminder[] {
		const store = this.#store;
		const after = Math.max(store.coveredUntil() ?? -Infinity, now - this.#graceMs);
		if (now <= after) return [];
		const claimed = store.transaction(() => {
			const found: DueReminder[] = [];
			for (const timeZone of store.timeZones()) {
				let slots: LocalSlot[];
				try {
					slots = localSlotsBetween(timeZone, after, now);
				} catch (error) {
					// One unknown zone (e.g. removed from the runtime's tz data) must not stop the rest.
					this.#log.error(`reminders: cannot read time zone ${timeZone}`, error);
					continue;
				}
				for (const { range, dueAt } of dueRanges(slots)) {
					found.push(...store.claimDue(timeZone, range, dueAt));
				}
			}
			store.setCoveredUntil(now);
			return found;
		});
		if (now - this.#lastPrunedAt > HOUR) {
			// Dedupe needs a record only while its reminder can still come round (grace, a
			// repeated fall-back hour); three days is ample.
			store.prune(now - 3 * DAY);
			this.#lastPrunedAt = now;
		}
		return claimed;
	}

	#deliver(reminder: DueReminder, signal: AbortSignal): Promise<PushOutcome> {
		const delivery = this.#sender
			.send(reminder.target, reminderPayload(reminder.tag), signal)
			.catch((error: unknown): PushOutcome => {
				this.#log.error('reminders: push failed', error);
				return { status: 'failed', attempts: 0, reason: String(error) };
			})
			.then((outcome) => {
				this.#record(reminder, outcome);
				return outcome;
			});
		this.#pending.add(delivery);
		void delivery.finally(() => this.#pending.delete(delivery));
		return delivery;
	}

	#record(reminder: DueReminder, outcome: PushOutcome): void {
		try {
			if (outcome.status === 'gone') this.#store.deleteByEndpoint(reminder.target.endpoint);
			else if (outcome.status === 'cancelled') this.#store.releaseDelivery(reminder);
			else {
				// Batched: one commit per few hundred pushes instead of one each. If the process
				// dies first, the reminder stays recorded as claimed, which still blocks a resend.
				this.#settled.push({ key: reminder, status: outcome.status });
				if (this.#settled.length >= 500) this.#flushSettled();
				else this.#flushTimer ??= setTimeout(() => this.#flushSettled(), 200).unref();
			}
		} catch (error) {
			this.#log.error('reminders: could not record a delivery', error);
		}
	}

	#flushSettled(): void {
		clearTimeout(this.#flushTimer);
		this.#flushTimer = undefined;
		if (this.#settled.length === 0) return;
		const settled = this.#settled;
		this.#settled = [];
		try {
			this.#store.settleDeliveries(settled);
		} catch (error) {
			this.#log.error('reminders: could not record deliveries', error);
		}
	}
}

/** One controller stops every push of a run; each push waiting to retry listens to it. */
function newAbortController(): AbortController {
	const controller = new AbortController();
	setMaxListeners(0, controller.signal);
	return controller;
}

/** Groups slots by local date: one store query per date, over the range of its due times. */
function dueRanges(slots: LocalSlot[]): { range: DueRange; dueAt: ReadonlyMap<string, number> }[] {
	const byDate = new Map<string, LocalSlot[]>();
	for (const slot of slots) {
		const list = byDate.get(slot.date);
		if (list) list.push(slot);
		else byDate.set(slot.date, [slot]);
	}
	return [...byDate.values()].map((list) => {
		const dueAt = new Map(list.map((slot) => [slot.time, slot.dueAt]));
		const times = [...dueAt.keys()].sort();
		const range = {
			date: list[0].date,
			weekday: list[0].weekday,
			firstTime: times[0],
			lastTime: times[times.length - 1]
		};
		return { range, dueAt };
	});
}
