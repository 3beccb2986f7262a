import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildReminderCalendar, foldLine } from '$lib/reminders/ics';

const TAG = 'c7f3a1d9e2b84f60a5d1';

function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	return { calendar, events: calendar.getAllSubcomponents('vevent') };
}

/** The first `count` occurrences of an event as `yyyy-MM-dd HH:mm (weekday)`. */
function occurrences(event: ICAL.Component, count: number): string[] {
	const expansion = new ICAL.Event(event).iterator();
	const found: string[] = [];
	for (let next = expansion.next(); next && found.length < count; next = expansion.next()) {
		const pad = (n: number) => String(n).padStart(2, '0');
		found.push(
			`${next.year}-${pad(next.month)}-${pad(next.day)} ${pad(next.hour)}:${pad(next.minute)} ` +
				`(${next.dayOfWeek() - 1})`
		);
	}
	return found;
}

describe('reminder calendar (.ics)', () => {
	const text = buildReminderCalendar({
		id: TAG,
		times: [
			{ time: '18:30', days: [5, 1, 3] },
			{ time: '07:05', days: [0, 6] }
		],
		url: 'https://homeplay.example.org/today',
		from: '2026-06-02',
		now: new Date('2026-06-01T10:00:00Z')
	});

	it('has one weekly event per reminder time, starting on its first real occurrence', () => {
		const { calendar, events } = parse(text);
		expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
		expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Homeplay//Reminders//EN');
		expect(events).toHaveLength(2);

		const [evening, morning] = events;
		const rule = evening.getFirstPropertyValue('rrule') as ICAL.Recur;
		expect(rule.freq).toBe('WEEKLY');
		expect(rule.parts.BYDAY).toEqual(['MO', 'WE', 'FR']);
		// 2 June 2026 is a Tuesday: the first Monday/Wednesday/Friday is Wednesday the 3rd.
		expect(occurrences(evening, 5)).toEqual([
			'2026-06-03 18:30 (3)',
			'2026-06-05 18:30 (5)',
			'2026-06-08 18:30 (1)',
			'2026-06-10 18:30 (3)',
			'2026-06-12 18:30 (5)'
		]);
		expect(occurrences(morning, 3)).toEqual([
			'2026-06-06 07:05 (6)',
			'2026-06-07 07:05 (0)',
			'2026-06-13 07:05 (6)'
		]);
	});

	it('uses floating local times, across daylight-saving changes too', () => {
		const { events } = parse(text);
		const start = new ICAL.Event(events[0]).startDate;
		expect(start.zone?.tzid).toBe('floating');
		expect(text).not.toContain('TZID');
		// Still 18:30 on the last Wednesday of October, after clocks change in Europe and the US.
		const autumn = occurrences(events[0], 100).filter((o) => o.startsWith('2026-10-28'));
		expect(autumn).toEqual(['2026-10-28 18:30 (3)']);
	});

	it('alarms at the start, links to /today and says nothing about the child', () => {
		const { events } = parse(text);
		for (const event of events) {
			const alarm = event.getFirstSubcomponent('valarm');
			expect(alarm?.getFirstPropertyValue('action')).toBe('DISPLAY');
			expect((alarm?.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(0);
			expect(alarm?.getFirstPropertyValue('description')).toBe(
				"Time for today's Homeplay practice"
			);
			expect(event.getFirstPropertyValue('summary')).toBe('Homeplay practice');
			expect(event.getFirstPropertyValue('url')).toBe('https://homeplay.example.org/today');
			expect(event.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-06-01T10:00:00Z');
		}
	});

	it('keeps UIDs stable across exports and distinct between reminder times', () => {
		const again = buildReminderCalendar({
			id: TAG,
			times: [
				{ time: '18:30', days: [1, 3, 5] },
				{ time: '07:05', days: [6, 0] }
			],
			url: 'https://homeplay.example.org/today',
			from: '2026-07-20',
			now: new Date('2026-07-20T08:00:00Z')
		});
		const uids = (ics: string) => parse(ics).events.map((e) => e.getFirstPropertyValue('uid'));
		expect(uids(again)).toEqual(uids(text));
		expect(new Set(uids(text)).size).toBe(2);
		expect(uids(text).every((uid) => String(uid).startsWith(TAG))).toBe(true);
	});

	it('ends every line with CRLF and folds long lines at 75 octets without splitting characters', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		expect(/[^\r]\n|\r[^\n]/.test(text)).toBe(false);

		const summary = 'Übungszeit für heute, mit Schere; 🎯 und ✂️ '.repeat(4).trim();
		const url = `https://homeplay.example.org/today?${'x'.repeat(150)}`;
		const long = buildReminderCalendar({
			id: TAG,
			times: [{ time: '18:30', days: [1] }],
			url,
			from: '2026-06-01',
			summary
		});
		const lines = long.split('\r\n');
		expect(lines.some((line) => line.startsWith(' '))).toBe(true);
		for (const line of lines) {
			const bytes = Buffer.from(line, 'utf8');
			expect(bytes.length).toBeLessThanOrEqual(75);
			// A split UTF-8 sequence would not survive the round trip.
			expect(bytes.toString('utf8')).toBe(line);
			expect(line).not.toContain('\uFFFD');
		}
		const [event] = parse(long).events;
		expect(event.getFirstPropertyValue('summary')).toBe(summary);
		expect(event.getFirstPropertyValue('url')).toBe(url);
	});

	it('folds exactly at the limit and leaves short lines alone', () => {
		expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
		expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
		const folded = foldLine('é'.repeat(40)).split('\r\n');
		expect(folded.map((l) => Buffer.byteLength(l))).toEqual([74, 7]);
	});

	it('leaves out reminder times without a valid day or time', () => {
		const ics = buildReminderCalendar({
			id: TAG,
			times: [
				{ time: '18:30', days: [] },
				{ time: '25:00', days: [1] },
				{ time: '09:00', days: [2, 2] }
			],
			url: 'https://homeplay.example.org/today',
			from: '2026-06-01'
		});
		const { events } = parse(ics);
		expect(events).toHaveLength(1);
		expect((events[0].getFirstPropertyValue('rrule') as ICAL.Recur).parts.BYDAY).toEqual(['TU']);
	});
});
