import { describe, expect, it } from 'vitest';
import type { ReminderSetting } from '$lib/db/types';
import {
	cleanTimes,
	draftChanged,
	draftFrom,
	draftProblems,
	newTime,
	settingFrom,
	type ReminderDraft
} from '$lib/reminders/draft';
import {
	clockIn,
	passedReminderTime,
	reminderTimesOn,
	remindersActiveOn,
	shouldNudge,
	unloggedDue
} from '$lib/reminders/due-today';
import type { CheckInLite, ProgramPlan } from '$lib/schedule/due';
import { sampleProgram } from './fixtures/programs';

const WEDNESDAY = '2026-06-03';
const SATURDAY = '2026-06-06';

const setting = (overrides: Partial<ReminderSetting> = {}): ReminderSetting => ({
	childId: 'c1',
	times: [
		{ time: '07:30', days: [1, 2, 3, 4, 5] },
		{ time: '18:00', days: [1, 2, 3, 4, 5] },
		{ time: '10:00', days: [0, 6] }
	],
	timeZone: 'Europe/Berlin',
	enabled: true,
	tag: 'k3Jd8sLq0aZ-x_Pw2mNbVc',
	...overrides
});

function plan(): { plans: ProgramPlan[]; ids: string[] } {
	const doc = sampleProgram({ libraryItems: 2, customItems: 1, noteLength: 0 });
	doc.items[0].schedule = { days: [0, 1, 2, 3, 4, 5, 6] };
	doc.items[1].schedule = { days: [3] }; // Wednesdays
	doc.items[2].schedule = { days: [6] }; // Saturdays
	return {
		plans: [{ programId: doc.id, versions: [{ version: 1, effectiveFrom: '2026-05-01', doc }] }],
		ids: doc.items.map((item) => item.id)
	};
}

describe('clockIn', () => {
	it('reads the wall clock of the family time zone', () => {
		const instant = new Date('2026-06-03T22:30:00Z');
		expect(clockIn('Europe/Berlin', instant)).toEqual({ date: '2026-06-04', time: '00:30' });
		expect(clockIn('America/New_York', instant)).toEqual({ date: '2026-06-03', time: '18:30' });
		expect(clockIn('UTC', instant)).toEqual({ date: '2026-06-03', time: '22:30' });
	});

	it('falls back to the device clock for an unknown zone', () => {
		const reading = clockIn('Not/A_Zone', new Date(2026, 5, 3, 7, 5));
		expect(reading).toEqual({ date: '2026-06-03', time: '07:05' });
	});
});

describe('reminder times of a day', () => {
	it('lists the times of that weekday, earliest first', () => {
		expect(reminderTimesOn(setting(), WEDNESDAY)).toEqual(['07:30', '18:00']);
		expect(reminderTimesOn(setting(), SATURDAY)).toEqual(['10:00']);
	});

	it('has none when reminders are off or paused until a later day', () => {
		expect(reminderTimesOn(setting({ enabled: false }), WEDNESDAY)).toEqual([]);
		expect(remindersActiveOn(setting({ pausedUntil: '2026-06-04' }), WEDNESDAY)).toBe(false);
		// The pause date is the day they resume.
		expect(remindersActiveOn(setting({ pausedUntil: WEDNESDAY }), WEDNESDAY)).toBe(true);
		expect(reminderTimesOn(setting({ times: [] }), WEDNESDAY)).toEqual([]);
	});

	it('finds the latest time that has come', () => {
		const at = (time: string) => ({ date: WEDNESDAY, time });
		expect(passedReminderTime(setting(), at('07:29'))).toBeUndefined();
		expect(passedReminderTime(setting(), at('07:30'))).toBe('07:30');
		expect(passedReminderTime(setting(), at('19:00'))).toBe('18:00');
	});
});

describe('unloggedDue', () => {
	const checkin = (itemId: string, programId: string, date: string, status = 'done') =>
		({ itemId, programId, date, status }) as CheckInLite;

	it('lists what is due today and has no answer, "not today" counting as an answer', () => {
		const { plans, ids } = plan();
		const programId = plans[0].programId;
		expect(unloggedDue(plans, [], WEDNESDAY, 1).map((p) => p.item.id)).toEqual([ids[0], ids[1]]);
		const checkins = [
			checkin(ids[0], programId, WEDNESDAY, 'not-today'),
			checkin(ids[1], programId, '2026-06-02')
		];
		expect(unloggedDue(plans, checkins, WEDNESDAY, 1).map((p) => p.item.id)).toEqual([ids[1]]);
		checkins.push(checkin(ids[1], programId, WEDNESDAY, 'partly'));
		expect(unloggedDue(plans, checkins, WEDNESDAY, 1)).toEqual([]);
	});
});

describe('shouldNudge (the in-app banner)', () => {
	const clock = { date: WEDNESDAY, time: '18:05' };

	it('nudges once a reminder time has passed and practice is still open', () => {
		expect(shouldNudge({ setting: setting(), clock, openCount: 2 })).toBe(true);
	});

	it('stays quiet before the first time, when all is logged, when off, or hidden today', () => {
		const early = { date: WEDNESDAY, time: '07:00' };
		expect(shouldNudge({ setting: setting(), clock: early, openCount: 2 })).toBe(false);
		expect(shouldNudge({ setting: setting(), clock, openCount: 0 })).toBe(false);
		expect(shouldNudge({ setting: setting({ enabled: false }), clock, openCount: 2 })).toBe(false);
		expect(
			shouldNudge({ setting: setting({ pausedUntil: '2026-06-10' }), clock, openCount: 2 })
		).toBe(false);
		expect(shouldNudge({ setting: setting(), clock, openCount: 2, dismissedOn: WEDNESDAY })).toBe(
			false
		);
		// Hidden yesterday is not hidden today.
		expect(
			shouldNudge({ setting: setting(), clock, openCount: 2, dismissedOn: '2026-06-02' })
		).toBe(true);
	});
});

describe('the Reminders screen draft', () => {
	it('starts off with 7:30 on school days and 10:00 at the weekend', () => {
		const draft = draftFrom(undefined, WEDNESDAY);
		expect(draft.enabled).toBe(false);
		expect(draft.paused).toBe(false);
		expect(cleanTimes(draft.times)).toEqual([
			{ time: '07:30', days: [1, 2, 3, 4, 5] },
			{ time: '10:00', days: [0, 6] }
		]);
	});

	it('finds what must be fixed before saving', () => {
		const draft: ReminderDraft = { ...draftFrom(setting(), WEDNESDAY) };
		expect(draftProblems(draft, WEDNESDAY)).toEqual([]);
		expect(draftProblems({ ...draft, times: [] }, WEDNESDAY)).toEqual(['noTimes']);
		expect(draftProblems({ ...draft, times: [newTime('', [1])] }, WEDNESDAY)).toEqual(['badTime']);
		expect(draftProblems({ ...draft, times: [newTime('08:00', [])] }, WEDNESDAY)).toEqual([
			'noDays'
		]);
		expect(draftProblems({ ...draft, paused: true, resumeOn: WEDNESDAY }, WEDNESDAY)).toEqual([
			'resumeNotLater'
		]);
		// Off is always fine.
		expect(draftProblems({ ...draft, enabled: false, times: [] }, WEDNESDAY)).toEqual([]);
	});

	it('stores the choices and keeps what only this device knows', () => {
		const stored = setting({
			subscriptionId: 'AbCdEfGhIjKlMnOpQrStUv',
			secret: 's',
			skippedOn: WEDNESDAY
		});
		const draft = draftFrom(stored, WEDNESDAY);
		draft.times.push(newTime('07:30', [5, 1, 1])); // a duplicate of the first, days unsorted
		draft.paused = true;
		draft.resumeOn = '2026-06-20';
		const row = settingFrom(draft, 'c1', 'America/Chicago', stored);
		expect(row).toEqual({
			...stored,
			times: [
				{ time: '07:30', days: [1, 2, 3, 4, 5] },
				{ time: '07:30', days: [1, 5] },
				{ time: '10:00', days: [0, 6] },
				{ time: '18:00', days: [1, 2, 3, 4, 5] }
			],
			timeZone: 'America/Chicago',
			pausedUntil: '2026-06-20'
		});
		expect(settingFrom({ ...draft, paused: false }, 'c1', 'UTC', stored).pausedUntil).toBe(
			undefined
		);
	});

	it('shows a pause that has ended as no pause', () => {
		expect(draftFrom(setting({ pausedUntil: '2026-06-01' }), WEDNESDAY).paused).toBe(false);
		const paused = draftFrom(setting({ pausedUntil: '2026-06-10' }), WEDNESDAY);
		expect([paused.paused, paused.resumeOn]).toEqual([true, '2026-06-10']);
	});

	it('knows when there is something to save', () => {
		expect(draftChanged(draftFrom(undefined, WEDNESDAY), undefined, WEDNESDAY)).toBe(false);
		const stored = setting();
		const draft = draftFrom(stored, WEDNESDAY);
		expect(draftChanged(draft, stored, WEDNESDAY)).toBe(false);
		draft.times[0].days = [1, 2];
		expect(draftChanged(draft, stored, WEDNESDAY)).toBe(true);
		// Times of a child whose reminders are off do not matter.
		expect(
			draftChanged({ ...draft, enabled: false }, { ...stored, enabled: false }, WEDNESDAY)
		).toBe(false);
	});
});
