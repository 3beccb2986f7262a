/** Thrown by `ConcurrencyLimit.run` when the signal aborts before the task got a slot. */
export class NotStartedError extends Error {
	constructor() {
		super('Cancelled before it started');
		this.name = 'NotStartedError';
	}
}

/** Runs at most `limit` async tasks at a time; the others wait in arrival order. */
export class ConcurrencyLimit {
	#active = 0;
	#peak = 0;
	readonly #waiting: { start: () => void; cancel: () => void; signal?: AbortSignal }[] = [];
	#head = 0;

	constructor(readonly limit: number) {
		if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
	}

	/** Tasks running now. */
	get active(): number {
		return this.#active;
	}

	/** The most tasks that ever ran at once. */
	get peak(): number {
		return this.#peak;
	}

	/**
	 * Runs `task` once a slot is free. If `signal` has aborted by the time the task would start,
	 * it never runs and the promise rejects with `NotStartedError`.
	 */
	async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		if (signal?.aborted) throw new NotStartedError();
		if (this.#active < this.limit) this.#active++;
		else {
			// No abort listener per waiter: thousands of them on one signal would be slow to
			// remove. An aborted waiter is dropped when its turn comes, which is soon, since
			// only running tasks (bounded by their timeouts) stand before it.
			await new Promise<void>((start, cancel) => {
				this.#waiting.push({ start, cancel: () => cancel(new NotStartedError()), signal });
			});
		}
		this.#peak = Math.max(this.#peak, this.#active);
		try {
			return await task();
		} finally {
			this.#release();
		}
	}

	#release(): void {
		while (this.#head < this.#waiting.length) {
			const next = this.#waiting[this.#head];
			this.#head++;
			if (next.signal?.aborted) {
				next.cancel();
				continue;
			}
			// The slot passes straight to the next waiter, so `active` stays the same.
			next.start();
			this.#compact();
			return;
		}
		this.#compact();
		this.#active--;
	}

	/** Drops the consumed front of the queue now and then (cheaper than `shift()` each time). */
	#compact(): void {
		if (this.#head > 1024 && this.#head * 2 > this.#waiting.length) {
			this.#waiting.splice(0, this.#head);
			this.#head = 0;
		}
	}
}
