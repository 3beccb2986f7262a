/**
 * A token bucket per client address: `perMinute` requests a minute, in bursts of up to
 * `perMinute`. In memory, so each server process counts on its own.
 */
export class RateLimiter {
	readonly #buckets = new Map<string, { tokens: number; updatedAt: number }>();
	readonly #refillPerMs: number;
	#lastSweep = 0;

	constructor(
		readonly perMinute: number,
		private readonly now: () => number = Date.now
	) {
		this.#refillPerMs = perMinute / 60_000;
	}

	/**
	 * Takes one request from `address`'s allowance. Returns 0 when allowed, else the seconds to
	 * wait before the next request is (for a `Retry-After` header).
	 */
	take(address: string): number {
		const now = this.now();
		this.#sweep(now);
		const bucket = this.#buckets.get(address) ?? { tokens: this.perMinute, updatedAt: now };
		bucket.tokens = Math.min(
			this.perMinute,
			bucket.tokens + (now - bucket.updatedAt) * this.#refillPerMs
		);
		bucket.updatedAt = now;
		this.#buckets.set(address, bucket);
		if (bucket.tokens >= 1) {
			bucket.tokens -= 1;
			return 0;
		}
		return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#refillPerMs / 1000));
	}

	/** Buckets idle for a minute are full again and carry no state worth keeping. */
	#sweep(now: number): void {
		if (now - this.#lastSweep < 60_000) return;
		this.#lastSweep = now;
		for (const [address, bucket] of this.#buckets) {
			if (now - bucket.updatedAt >= 60_000) this.#buckets.delete(address);
		}
	}
}
