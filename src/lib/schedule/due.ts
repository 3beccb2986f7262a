import type { ProgramDoc, ProgramItem } from '$lib/program/model';
import { daysBetween, plusDays, weekday, weekOf, type IsoDate, type WeekStart } from './week';

/**
 * What is due when. A program's versions each take effect from a date; an item on fixed
 * weekdays is due on those days; an item "N times a week" is spread over the days left in the
 * week, so a missed day moves practice to the next days instead of piling it up, and once the
 * week's number is reached nothing more is due (extra practice is still welcome).
 */

export interface PlanVersion {
	version: number;
	/** The first day this version applies. */
	effectiveFrom: IsoDate;
	doc: ProgramDoc;
}

export interface ProgramPlan {
	programId: string;
	/** Oldest first. */
	versions: PlanVersion[];
	/** The program no longer applies from this day (the family removed it). */
	endDate?: IsoDate;
}

export interface CheckInLite {
	programId: string;
	itemId: string;
	date: IsoDate;
	status: 'done' | 'partly' | 'not-today';
	ease?: number;
	minutes?: number;
}

export interface PlannedItem {
	programId: string;
	doc: ProgramDoc;
	item: ProgramItem;
	/** Due today, or only in the plan (a times-a-week item whose days fall elsewhere). */
	due: boolean;
	/** For times-a-week items: this week's number and how many were logged before today. */
	week?: { target: number; doneBefore: number };
}

/** The version of a program in effect on `date`, if the program applies that day. */
export function versionOn(plan: ProgramPlan, date: IsoDate): PlanVersion | undefined {
	if (plan.endDate && date >= plan.endDate) return undefined;
	let found: PlanVersion | undefined;
	for (const version of plan.versions) if (version.effectiveFrom <= date) found = version;
	return found;
}

/** The first day the program applies at all. */
export const planStart = (plan: ProgramPlan): IsoDate | undefined =>
	plan.versions[0]?.effectiveFrom;

/** Done counts fully, partly counts as practice too; "not today" is an honest zero. */
export const counts = (status: CheckInLite['status']) => status !== 'not-today';

/** How many of the week's days the program applies on (a week it starts or ends in is shorter). */
export function activeDaysInWeek(plan: ProgramPlan, weekStart: IsoDate): number {
	let days = 0;
	for (let i = 0; i < 7; i++) if (versionOn(plan, plusDays(weekStart, i))) days++;
	return days;
}

/** A times-a-week number scaled to a week the program only partly covers. */
export function weeklyTarget(timesPerWeek: number, activeDays: number): number {
	if (activeDays <= 0) return 0;
	if (activeDays >= 7) return timesPerWeek;
	return Math.min(activeDays, Math.max(1, Math.round((timesPerWeek * activeDays) / 7)));
}

/**
 * Is a times-a-week item due on the week's active day number `dayIndex` (0 = its first day)?
 * The week's sessions are laid out evenly from its first day (3 in 7 days: days 0, 2, 4). An
 * item is due when the family is behind that layout, so a missed day moves practice to the
 * next day, and practice done early makes later days free.
 */
export function spreadDue(
	target: number,
	doneBefore: number,
	dayIndex: number,
	activeDays: number
): boolean {
	const remaining = target - doneBefore;
	if (remaining <= 0 || dayIndex >= activeDays) return false;
	if (remaining >= activeDays - dayIndex) return true;
	let laidOutSoFar = 0;
	for (let k = 0; k < target; k++)
		if (Math.floor((k * activeDays) / target) <= dayIndex) laidOutSoFar++;
	return laidOutSoFar > doneBefore;
}

/**
 * Everything in a child's plan on `date`, due or not. `checkins` must hold at least the
 * check-ins of the week containing `date` (others are ignored).
 */
export function planFor(
	plans: readonly ProgramPlan[],
	checkins: readonly CheckInLite[],
	date: IsoDate,
	weekStartsOn: WeekStart
): PlannedItem[] {
	const weekStart = weekOf(date, weekStartsOn);
	const out: PlannedItem[] = [];
	for (const plan of plans) {
		const version = versionOn(plan, date);
		if (!version) continue;
		const active = activeDaysInWeek(plan, weekStart);
		let dayIndex = 0;
		for (let i = 0; i < daysBetween(weekStart, date); i++)
			if (versionOn(plan, plusDays(weekStart, i))) dayIndex++;
		for (const item of version.doc.items) {
			if ('days' in item.schedule) {
				out.push({
					programId: plan.programId,
					doc: version.doc,
					item,
					due: item.schedule.days.includes(weekday(date))
				});
				continue;
			}
			const target = weeklyTarget(item.schedule.timesPerWeek, active);
			const doneBefore = checkins.filter(
				(c) =>
					c.programId === plan.programId &&
					c.itemId === item.id &&
					c.date >= weekStart &&
					c.date < date &&
					counts(c.status)
			).length;
			out.push({
				programId: plan.programId,
				doc: version.doc,
				item,
				due: spreadDue(target, doneBefore, dayIndex, active),
				week: { target, doneBefore }
			});
		}
	}
	return out;
}

/** The id a check-in has: one per program item and day, so logging again updates it. */
export const checkinId = (programId: string, itemId: string, date: IsoDate) =>
	`${programId}:${itemId}:${date}`;
