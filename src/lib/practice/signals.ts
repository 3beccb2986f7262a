/**
 * The gentle end-of-timer signal: a short two-note chime (Web Audio, no sound file) and a short
 * vibration. Both are skipped when the family muted practice sounds; the vibration is also
 * skipped for people who asked for reduced motion.
 */
let audio: AudioContext | undefined;

export function chime() {
	const Context = globalThis.AudioContext;
	if (!Context) return;
	audio ??= new Context();
	const start = audio.currentTime;
	for (const [i, frequency] of [660, 880].entries()) {
		const oscillator = audio.createOscillator();
		const gain = audio.createGain();
		oscillator.type = 'sine';
		oscillator.frequency.value = frequency;
		const at = start + i * 0.25;
		gain.gain.setValueAtTime(0, at);
		gain.gain.linearRampToValueAtTime(0.15, at + 0.03);
		gain.gain.exponentialRampToValueAtTime(0.001, at + 0.6);
		oscillator.connect(gain).connect(audio.destination);
		oscillator.start(at);
		oscillator.stop(at + 0.65);
	}
}

export function endSignal(muted: boolean) {
	if (muted) return;
	chime();
	const reducedMotion = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
	if (!reducedMotion) globalThis.navigator?.vibrate?.(200);
}

/** Keeps the screen on while a timer runs, where the browser allows it. */
export class ScreenAwake {
	#lock: WakeLockSentinel | undefined;
	#wanted = false;
	#onVisible = () => {
		if (this.#wanted && document.visibilityState === 'visible') void this.#acquire();
	};

	async hold() {
		this.#wanted = true;
		document.addEventListener('visibilitychange', this.#onVisible);
		await this.#acquire();
	}

	async release() {
		this.#wanted = false;
		document.removeEventListener('visibilitychange', this.#onVisible);
		const lock = this.#lock;
		this.#lock = undefined;
		await lock?.release().catch(() => {});
	}

	get held() {
		return this.#lock !== undefined && !this.#lock.released;
	}

	async #acquire() {
		try {
			this.#lock = await navigator.wakeLock?.request('screen');
		} catch {
			// Not allowed right now (battery saver, hidden tab): the timer still works.
		}
	}
}
