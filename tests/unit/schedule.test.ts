import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	daysPractised,
	easeTrend,
	itemAdherence,
	overall,
	plannedBetween,
	weeklyAdherence
} from '$lib/schedule/adherence';
import {
	planFor,
	spreadDue,
	versionOn,
	weeklyTarget,
	type CheckInLite,
	type ProgramPlan
} from '$lib/schedule/due';
import { plusDays, weekDates, weekOf, weekStartFor, weekday } from '$lib/schedule/week';
import type { ProgramDoc, ProgramItem } from '$lib/program/model';
import { sampleProgram } from './fixtures/programs';

const item = (id: string, schedule: ProgramItem['schedule']): ProgramItem => ({
	id,
	activityId: id,
	schedule,
	amount: { minutes: 10 },
	anchor: 'after school'
});

function plan(
	items: ProgramItem[],
	effectiveFrom = '2026-11-02',
	extra: Partial<ProgramPlan> = {}
) {
	const doc: ProgramDoc = { ...sampleProgram(), items, startDate: effectiveFrom };
	return { programId: doc.id, versions: [{ version: 1, effectiveFrom, doc }], ...extra };
}

const done = (
	itemId: string,
	date: string,
	status: CheckInLite['status'] = 'done'
): CheckInLite => ({
	programId: sampleProgram().id,
	itemId,
	date,
	status
});

/** Which dates of a Monday-started week an item is due on, logging it whenever it is due. */
function dueDays(p: ProgramPlan, itemId: string, weekStart: string, skip: string[] = []) {
	const log: CheckInLite[] = [];
	const due: string[] = [];
	for (const date of weekDates(weekStart)) {
		const entry = planFor([p], log, date, 1).find((x) => x.item.id === itemId);
		if (entry?.due) {
			due.push(date);
			if (!skip.includes(date)) log.push(done(itemId, date));
		}
	}
	return due;
}

let savedTz: string | undefined;
beforeEach(() => (savedTz = process.env.TZ));
afterEach(() => {
	if (savedTz === undefined) delete process.env.TZ;
	else process.env.TZ = savedTz;
});

describe('week start by locale', () => {
	it('starts on Sunday in the US, Monday in Germany and the UK, Saturday in Egypt', () => {
		expect(weekStartFor('en-US')).toBe(0);
		expect(weekStartFor('de-DE')).toBe(1);
		expect(weekStartFor('en-GB')).toBe(1);
		expect(weekStartFor('ar-EG')).toBe(6);
		expect(weekOf('2026-11-25', 0)).toBe('2026-11-22');
		expect(weekOf('2026-11-25', 1)).toBe('2026-11-23');
		expect(weekOf('2026-11-25', 6)).toBe('2026-11-21');
	});
});

describe('what is due when', () => {
	it('fixed weekdays are due on those days only', () => {
		const p = plan([item('a', { days: [1, 3, 5] })]);
		expect(dueDays(p, 'a', '2026-11-09')).toEqual(['2026-11-09', '2026-11-11', '2026-11-13']);
	});

	it('N times a week is spread evenly from the first day', () => {
		const p = plan([
			item('a', { timesPerWeek: 3 }),
			item('b', { timesPerWeek: 7 }),
			item('c', { timesPerWeek: 1 })
		]);
		expect(dueDays(p, 'a', '2026-11-09')).toEqual(['2026-11-09', '2026-11-11', '2026-11-13']);
		expect(dueDays(p, 'b', '2026-11-09')).toHaveLength(7);
		expect(dueDays(p, 'c', '2026-11-09')).toEqual(['2026-11-09']);
	});

	it('a missed day moves practice to the next day, without piling up', () => {
		const p = plan([item('a', { timesPerWeek: 3 })]);
		// Monday missed: due again Tuesday, then Wednesday is free, Thursday due…
		expect(dueDays(p, 'a', '2026-11-09', ['2026-11-09'])).toEqual([
			'2026-11-09',
			'2026-11-10',
			'2026-11-11',
			'2026-11-13'
		]);
		expect(spreadDue(3, 0, 5, 7)).toBe(true); // two days left, three to go: due
		expect(spreadDue(3, 3, 2, 7)).toBe(false); // the week's number reached: nothing more due
	});

	it('practice logged on a non-due day counts toward the week', () => {
		const p = plan([item('a', { timesPerWeek: 2 })]);
		const log = [done('a', '2026-11-10'), done('a', '2026-11-11')];
		expect(planFor([p], log, '2026-11-13', 1)[0]).toMatchObject({
			due: false,
			week: { target: 2, doneBefore: 2 }
		});
		// "Not today" is an honest answer, not practice.
		const notToday = [done('a', '2026-11-10', 'not-today'), done('a', '2026-11-11', 'not-today')];
		expect(planFor([p], notToday, '2026-11-13', 1)[0].due).toBe(true);
	});

	it('a program starting mid-week asks for a share of the weekly number', () => {
		const p = plan([item('a', { timesPerWeek: 4 })], '2026-11-12'); // a Thursday
		expect(weeklyTarget(4, 4)).toBe(2);
		expect(planFor([p], [], '2026-11-11', 1)).toEqual([]);
		expect(dueDays(p, 'a', '2026-11-09').length).toBe(2);
		expect(weeklyTarget(7, 2)).toBe(2);
		expect(weeklyTarget(1, 1)).toBe(1);
	});

	it('follows the version in effect each day, and nothing after the program ends', () => {
		const v1 = plan([item('a', { days: [1] }), item('b', { days: [1] })]);
		const doc2: ProgramDoc = {
			...v1.versions[0].doc,
			version: 2,
			items: [item('a', { days: [2] })]
		};
		const p: ProgramPlan = {
			...v1,
			versions: [...v1.versions, { version: 2, effectiveFrom: '2026-11-18', doc: doc2 }],
			endDate: '2026-12-01'
		};
		expect(versionOn(p, '2026-11-17')?.version).toBe(1);
		expect(versionOn(p, '2026-11-18')?.version).toBe(2);
		expect(planFor([p], [], '2026-11-16', 1).map((x) => [x.item.id, x.due])).toEqual([
			['a', true],
			['b', true]
		]);
		expect(planFor([p], [], '2026-11-24', 1).map((x) => [x.item.id, x.due])).toEqual([['a', true]]);
		expect(planFor([p], [], '2026-12-01', 1)).toEqual([]);
		expect(planFor([p], [], '2026-11-01', 1)).toEqual([]);
	});

	it('counts whole days across daylight-saving changes, in any time zone', () => {
		for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
			process.env.TZ = tz;
			// Europe falls back on 25 Oct 2026, the US on 1 Nov 2026, Lord Howe springs forward 4 Oct.
			for (const week of ['2026-10-19', '2026-10-26', '2026-09-28']) {
				expect(weekDates(week).map(weekday), `${tz} ${week}`).toEqual([1, 2, 3, 4, 5, 6, 0]);
				expect(plusDays(week, 7)).toBe(
					new Date(Date.UTC(+week.slice(0, 4), +week.slice(5, 7) - 1, +week.slice(8) + 7))
						.toISOString()
						.slice(0, 10)
				);
			}
			const p = plan([item('a', { timesPerWeek: 3 })], '2026-10-01');
			expect(dueDays(p, 'a', '2026-10-26'), tz).toEqual(['2026-10-26', '2026-10-28', '2026-10-30']);
			expect(dueDays(p, 'a', '2026-10-19'), tz).toEqual(['2026-10-19', '2026-10-21', '2026-10-23']);
		}
	});
});

describe('adherence and trends', () => {
	const p = plan([item('a', { days: [1, 3, 5] }), item('b', { timesPerWeek: 2 })]);
	const week = weekDates('2026-11-09');

	it('planned vs done per item and overall, partly counting half', () => {
		const log = [
			done('a', week[0]),
			done('a', week[2], 'partly'),
			done('a', week[4], 'not-today'),
			done('b', week[1]),
			done('b', week[3]),
			done('b', week[5]) // extra practice: welcome, but adherence stays ≤ 100 %
		];
		const items = itemAdherence([p], log, week[0], week[6], 1);
		expect(items.map((i) => [i.itemId, i.planned, i.credited, i.notToday])).toEqual([
			['a', 3, 1.5, 1],
			['b', 2, 2, 0]
		]);
		const all = overall(items);
		expect(all.planned).toBe(5);
		expect(all.ratio).toBeCloseTo(3.5 / 5);
		expect(daysPractised(log, week[0], week[6])).toBe(5);
	});

	it('counts planned sessions over partial weeks and whole periods', () => {
		expect(plannedBetween(p, 'a', '2026-11-09', '2026-11-22', 1)).toBe(6);
		expect(plannedBetween(p, 'b', '2026-11-09', '2026-11-22', 1)).toBe(4);
		expect(plannedBetween(p, 'a', '2026-11-11', '2026-11-12', 1)).toBe(1);
		const weeks = weeklyAdherence([p], [done('a', week[0])], '2026-11-09', '2026-11-22', 1);
		expect(weeks.map((w) => [w.weekStart, w.planned, w.credited])).toEqual([
			['2026-11-09', 5, 1],
			['2026-11-16', 5, 0]
		]);
	});

	it('weeks before the program started plan nothing', () => {
		const weeks = weeklyAdherence([p], [], '2026-10-26', '2026-11-08', 1);
		expect(weeks.map((w) => [w.planned, w.ratio])).toEqual([
			[0, undefined],
			[5, 0]
		]);
	});

	it('tells whether an activity is getting easier', () => {
		const ease = (pairs: [string, number][]) => pairs.map(([date, e]) => ({ date, ease: e }));
		expect(
			easeTrend(
				ease([
					['2026-11-02', 1],
					['2026-11-09', 2],
					['2026-11-16', 3],
					['2026-11-23', 4]
				])
			)
		).toMatchObject({ trend: 'easier', slopePerWeek: 1, average: 2.5, count: 4 });
		expect(
			easeTrend(
				ease([
					['2026-11-02', 4],
					['2026-11-09', 3],
					['2026-11-16', 2]
				])
			).trend
		).toBe('harder');
		expect(
			easeTrend(
				ease([
					['2026-11-02', 3],
					['2026-11-09', 3],
					['2026-11-16', 3]
				])
			).trend
		).toBe('same');
		expect(
			easeTrend(
				ease([
					['2026-11-02', 1],
					['2026-11-03', 5],
					['2026-11-04', 5]
				])
			).trend
		).toBe('unknown');
		expect(easeTrend([]).trend).toBe('unknown');
	});
});
