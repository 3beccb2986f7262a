import { tzOffset } from '@date-fns/tz';

const MINUTE = 60_000;

/** A local date and clock minute of one time zone, and the instant it falls due. */
export interface LocalSlot {
	date: string;
	weekday: number;
	time: string;
	dueAt: number;
}

/**
 * The local minutes of `timeZone` that fall due in the interval (`after`, `until`] (epoch
 * milliseconds), each with the instant it falls due.
 *
 * Daylight-saving changes:
 * - spring forward: the wall-clock minutes that never happen (02:00–02:59 in Berlin) fall due
 *   together at the first valid minute after the gap (03:00);
 * - fall back: minutes that happen twice are listed once, at their first occurrence inside the
 *   interval. The delivery log keys on the local date and time, so a reminder sent at the first
 *   occurrence is not sent again at the second.
 */
export function localSlotsBetween(timeZone: string, after: number, until: number): LocalSlot[] {
	const slots = new Map<string, LocalSlot>();
	const add = (wallClock: number, dueAt: number) => {
		const iso = new Date(wallClock).toISOString();
		const key = iso.slice(0, 16);
		if (slots.has(key)) return;
		slots.set(key, {
			date: iso.slice(0, 10),
			weekday: new Date(wallClock).getUTCDay(),
			time: iso.slice(11, 16),
			dueAt
		});
	};
	const first = Math.floor(after / MINUTE) * MINUTE + MINUTE;
	let previousWallClock = wallClockAt(timeZone, first - MINUTE);
	for (let instant = first; instant <= until; instant += MINUTE) {
		const wallClock = wallClockAt(timeZone, instant);
		for (let skipped = previousWallClock + MINUTE; skipped < wallClock; skipped += MINUTE) {
			add(skipped, instant);
		}
		add(wallClock, instant);
		previousWallClock = wallClock;
	}
	return [...slots.values()];
}

/**
 * The clock reading in `timeZone` at `instant`, as the epoch milliseconds of the UTC time that
 * reads the same (so `getUTC*` methods give the local fields), floored to the minute.
 */
export function wallClockAt(timeZone: string, instant: number): number {
	const local = instant + tzOffset(timeZone, new Date(instant)) * MINUTE;
	return Math.floor(local / MINUTE) * MINUTE;
}

/** Today's date (`yyyy-MM-dd`) in `timeZone` at `instant`. */
export function localDateAt(timeZone: string, instant: number): string {
	return new Date(wallClockAt(timeZone, instant)).toISOString().slice(0, 10);
}

/** Whether `timeZone` is an IANA time zone name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
	if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(timeZone)) return false;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
		return true;
	} catch {
		return false;
	}
}
