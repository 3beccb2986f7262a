import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	isKnownTimeZone,
	localDateAt,
	localSlotsBetween,
	wallClockAt
} from '$lib/server/reminders/local-time';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);
const keys = (slots: { date: string; time: string }[]) => slots.map((s) => `${s.date} ${s.time}`);

describe('local reminder minutes', () => {
	it('maps each UTC minute to the wall clock of the zone, weekday included', () => {
		const slots = localSlotsBetween(
			'Asia/Kolkata',
			at('2026-06-01T12:28:00Z'),
			at('2026-06-01T12:31:00Z')
		);
		// Kolkata is UTC+05:30 all year: 12:29Z is 17:59 on Monday 1 June.
		expect(slots).toEqual([
			{ date: '2026-06-01', weekday: 1, time: '17:59', dueAt: at('2026-06-01T12:29:00Z') },
			{ date: '2026-06-01', weekday: 1, time: '18:00', dueAt: at('2026-06-01T12:30:00Z') },
			{ date: '2026-06-01', weekday: 1, time: '18:01', dueAt: at('2026-06-01T12:31:00Z') }
		]);
	});

	it('crosses midnight into the next local date and weekday', () => {
		const slots = localSlotsBetween(
			'America/New_York',
			at('2026-06-07T03:58:30Z'),
			at('2026-06-07T04:01:00Z')
		);
		// EDT (UTC-4): 03:59Z is 23:59 on Saturday 6 June, 04:00Z is midnight, Sunday.
		expect(slots.map((s) => [s.date, s.weekday, s.time])).toEqual([
			['2026-06-06', 6, '23:59'],
			['2026-06-07', 0, '00:00'],
			['2026-06-07', 0, '00:01']
		]);
	});

	it('makes the minutes skipped by spring-forward due at the first valid minute (Berlin)', () => {
		// 29 March 2026, 01:00Z: clocks go from 02:00 CET to 03:00 CEST.
		const slots = localSlotsBetween(
			'Europe/Berlin',
			at('2026-03-29T00:58:00Z'),
			at('2026-03-29T01:01:00Z')
		);
		const gap = slots.filter((s) => s.time >= '02:00' && s.time < '03:00');
		expect(gap).toHaveLength(60);
		expect(new Set(gap.map((s) => s.dueAt))).toEqual(new Set([at('2026-03-29T01:00:00Z')]));
		expect(slots.find((s) => s.time === '03:00')?.dueAt).toBe(at('2026-03-29T01:00:00Z'));
		expect(slots.find((s) => s.time === '01:59')?.dueAt).toBe(at('2026-03-29T00:59:00Z'));
	});

	it('handles the half-hour daylight-saving shift of Lord Howe Island', () => {
		// 4 October 2026, 02:00 local (+10:30) = 3 October 15:30Z: clocks jump to 02:30 (+11).
		const slots = localSlotsBetween(
			'Australia/Lord_Howe',
			at('2026-10-03T15:28:00Z'),
			at('2026-10-03T15:31:00Z')
		);
		const gap = slots.filter((s) => s.time >= '02:00' && s.time < '02:30');
		expect(gap).toHaveLength(30);
		expect(gap.every((s) => s.dueAt === at('2026-10-03T15:30:00Z'))).toBe(true);
		expect(gap[0].date).toBe('2026-10-04');
	});

	it('lists a repeated fall-back minute once, at its first occurrence', () => {
		// 1 November 2026, 06:00Z: New York goes from 02:00 EDT back to 01:00 EST.
		const slots = localSlotsBetween(
			'America/New_York',
			at('2026-11-01T05:29:00Z'),
			at('2026-11-01T06:31:00Z')
		);
		const half = slots.filter((s) => s.time === '01:30');
		expect(half).toEqual([
			{ date: '2026-11-01', weekday: 0, time: '01:30', dueAt: at('2026-11-01T05:30:00Z') }
		]);
	});

	it('lists no minute outside (after, until], and every minute inside exactly once', () => {
		const zones = [
			'Europe/Berlin',
			'America/New_York',
			'Asia/Kolkata',
			'Australia/Lord_Howe',
			'UTC'
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.integer({ min: at('2025-01-01T00:00:00Z'), max: at('2028-01-01T00:00:00Z') }),
				fc.integer({ min: 0, max: 20 * MINUTE }),
				fc.integer({ min: 0, max: 20 * MINUTE }),
				(zone, start, first, second) => {
					const middle = start + first;
					const end = middle + second;
					const whole = localSlotsBetween(zone, start, end);
					for (const slot of whole) {
						expect(slot.dueAt).toBeGreaterThan(start);
						expect(slot.dueAt).toBeLessThanOrEqual(end);
						expect(wallClockAt(zone, slot.dueAt)).toBeGreaterThanOrEqual(
							Date.parse(`${slot.date}T${slot.time}:00Z`)
						);
					}
					// Looking in two steps finds the same local minutes as looking once.
					const split = [
						...localSlotsBetween(zone, start, middle),
						...localSlotsBetween(zone, middle, end)
					];
					expect(new Set(keys(split))).toEqual(new Set(keys(whole)));
					expect(new Set(keys(whole)).size).toBe(whole.length);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('gives today’s local date and knows IANA zones', () => {
		expect(localDateAt('Pacific/Auckland', at('2026-06-01T13:00:00Z'))).toBe('2026-06-02');
		expect(localDateAt('America/Los_Angeles', at('2026-06-01T03:00:00Z'))).toBe('2026-05-31');
		expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
		expect(isKnownTimeZone('Asia/Calcutta')).toBe(true);
		expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
		expect(isKnownTimeZone('+05:30')).toBe(false);
		expect(isKnownTimeZone('Europe/Berlin; DROP TABLE')).toBe(false);
	});
});
