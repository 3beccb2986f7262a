/**
 * A pausable countdown measured against a clock (milliseconds), not by counting ticks, so a
 * phone that sleeps or throttles timers still ends on time. Pure: the caller passes `now`.
 */
export class Countdown {
	#remainingAtStart: number;
	#startedAt: number | undefined;

	constructor(readonly totalMs: number) {
		this.#remainingAtStart = totalMs;
	}

	get running() {
		return this.#startedAt !== undefined;
	}

	start(now: number) {
		if (this.#startedAt === undefined && this.#remainingAtStart > 0) this.#startedAt = now;
	}

	pause(now: number) {
		if (this.#startedAt === undefined) return;
		this.#remainingAtStart = this.remaining(now);
		this.#startedAt = undefined;
	}

	/** Milliseconds left, never below zero. */
	remaining(now: number): number {
		const elapsed = this.#startedAt === undefined ? 0 : now - this.#startedAt;
		return Math.max(0, this.#remainingAtStart - elapsed);
	}

	/** 1 at the start, 0 when finished: what a shrinking disc shows. */
	fraction(now: number): number {
		return this.totalMs === 0 ? 0 : this.remaining(now) / this.totalMs;
	}

	finished(now: number) {
		return this.remaining(now) === 0;
	}

	/** Whole minutes practised so far, at least 1 once started. */
	minutesSpent(now: number): number {
		const spent = this.totalMs - this.remaining(now);
		return spent <= 0 ? 0 : Math.max(1, Math.round(spent / 60_000));
	}
}

/** Reps × sets: tap once per repetition; a set ends after `reps` taps. */
export class RepCounter {
	rep = 0;
	set = 1;

	constructor(
		readonly reps: number,
		readonly sets: number
	) {}

	get finished() {
		return this.set > this.sets;
	}

	tap() {
		if (this.finished) return;
		this.rep++;
		if (this.rep >= this.reps) {
			this.rep = 0;
			this.set++;
		}
	}

	undo() {
		if (this.rep > 0) this.rep--;
		else if (this.set > 1) {
			this.set--;
			this.rep = this.reps - 1;
		}
	}
}

/** "m:ss" for a countdown's remaining time. */
export function clock(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
