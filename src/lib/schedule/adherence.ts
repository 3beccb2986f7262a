import type { ProgramItem } from '$lib/program/model';
import { counts, versionOn, weeklyTarget, type CheckInLite, type ProgramPlan } from './due';
import { daysBetween, plusDays, weekday, weekOf, type IsoDate, type WeekStart } from './week';

/**
 * Planned versus done, per item and per week, and how "how it went" changes over time. Done
 * counts 1 and partly ½; practice beyond the plan is welcome but does not lift adherence past
 * 100 %. "Not today" is a logged answer that counts as not practised.
 */

export const credit = (status: CheckInLite['status']) =>
	status === 'done' ? 1 : status === 'partly' ? 0.5 : 0;

export interface ItemKey {
	programId: string;
	itemId: string;
}

/** The item as planned on `date`, if its program applies then and it is in that version. */
function itemOn(plan: ProgramPlan, itemId: string, date: IsoDate): ProgramItem | undefined {
	return versionOn(plan, date)?.doc.items.find((item) => item.id === itemId);
}

/** Sessions planned for an item between `from` and `to` inclusive. */
export function plannedBetween(
	plan: ProgramPlan,
	itemId: string,
	from: IsoDate,
	to: IsoDate,
	weekStartsOn: WeekStart
): number {
	let planned = 0;
	for (let week = weekOf(from, weekStartsOn); week <= to; week = plusDays(week, 7)) {
		let perWeek: number | undefined;
		let activeDays = 0;
		for (let i = 0; i < 7; i++) {
			const date = plusDays(week, i);
			if (date < from || date > to) continue;
			const item = itemOn(plan, itemId, date);
			if (!item) continue;
			if ('days' in item.schedule) {
				if (item.schedule.days.includes(weekday(date))) planned++;
			} else {
				perWeek ??= item.schedule.timesPerWeek;
				activeDays++;
			}
		}
		if (perWeek !== undefined) planned += weeklyTarget(perWeek, activeDays);
	}
	return planned;
}

export interface Tally {
	planned: number;
	done: number;
	partly: number;
	notToday: number;
	/** Done + ½ partly, capped at planned. */
	credited: number;
	/** credited / planned, or undefined when nothing was planned. */
	ratio?: number;
}

function tally(planned: number, checkins: readonly CheckInLite[]): Tally {
	const done = checkins.filter((c) => c.status === 'done').length;
	const partly = checkins.filter((c) => c.status === 'partly').length;
	const notToday = checkins.filter((c) => c.status === 'not-today').length;
	const credited = Math.min(planned, done + partly / 2);
	return {
		planned,
		done,
		partly,
		notToday,
		credited,
		ratio: planned > 0 ? credited / planned : undefined
	};
}

/** Every item any version of these programs holds between two dates, in program order. */
export function itemsBetween(
	plans: readonly ProgramPlan[],
	from: IsoDate,
	to: IsoDate
): (ItemKey & { item: ProgramItem })[] {
	const seen = new Map<string, ItemKey & { item: ProgramItem }>();
	for (const plan of plans)
		for (let date = from; date <= to; date = plusDays(date, 1)) {
			const version = versionOn(plan, date);
			for (const item of version?.doc.items ?? [])
				seen.set(`${plan.programId}:${item.id}`, {
					programId: plan.programId,
					itemId: item.id,
					item
				});
		}
	return [...seen.values()];
}

/** Planned and done per item between two dates (inclusive). */
export function itemAdherence(
	plans: readonly ProgramPlan[],
	checkins: readonly CheckInLite[],
	from: IsoDate,
	to: IsoDate,
	weekStartsOn: WeekStart
): (ItemKey & { item: ProgramItem } & Tally)[] {
	return itemsBetween(plans, from, to).map((key) => {
		const plan = plans.find((p) => p.programId === key.programId)!;
		const mine = checkins.filter(
			(c) =>
				c.programId === key.programId && c.itemId === key.itemId && c.date >= from && c.date <= to
		);
		return { ...key, ...tally(plannedBetween(plan, key.itemId, from, to, weekStartsOn), mine) };
	});
}

/** Sums item tallies into one (credit is capped per item, so extra practice of one item does
 * not hide another that was missed). */
export function overall(tallies: readonly Tally[]): Tally {
	const sum = (key: keyof Omit<Tally, 'ratio'>) => tallies.reduce((s, t) => s + t[key], 0);
	const planned = sum('planned');
	const credited = sum('credited');
	return {
		planned,
		done: sum('done'),
		partly: sum('partly'),
		notToday: sum('notToday'),
		credited,
		ratio: planned > 0 ? credited / planned : undefined
	};
}

/** Overall adherence for each week from `from` to `to`, oldest first. */
export function weeklyAdherence(
	plans: readonly ProgramPlan[],
	checkins: readonly CheckInLite[],
	from: IsoDate,
	to: IsoDate,
	weekStartsOn: WeekStart
): ({ weekStart: IsoDate } & Tally)[] {
	const weeks: ({ weekStart: IsoDate } & Tally)[] = [];
	for (let week = weekOf(from, weekStartsOn); week <= to; week = plusDays(week, 7)) {
		const start = week < from ? from : week;
		const end = plusDays(week, 6) > to ? to : plusDays(week, 6);
		weeks.push({
			weekStart: week,
			...overall(itemAdherence(plans, checkins, start, end, weekStartsOn))
		});
	}
	return weeks;
}

/** Days with any practice logged (done or partly) between two dates. */
export function daysPractised(checkins: readonly CheckInLite[], from: IsoDate, to: IsoDate) {
	return new Set(
		checkins.filter((c) => c.date >= from && c.date <= to && counts(c.status)).map((c) => c.date)
	).size;
}

export type Trend = 'easier' | 'same' | 'harder' | 'unknown';

/**
 * Is an activity getting easier? The least-squares slope of "how it went" (1 very hard … 5 very
 * easy) over time, per week; it needs three answers at least a week apart to say anything.
 */
export function easeTrend(points: readonly { date: IsoDate; ease: number }[]): {
	trend: Trend;
	slopePerWeek?: number;
	average?: number;
	count: number;
} {
	const count = points.length;
	if (count === 0) return { trend: 'unknown', count };
	const average = points.reduce((s, p) => s + p.ease, 0) / count;
	const first = points.reduce((a, p) => (p.date < a ? p.date : a), points[0].date);
	const xs = points.map((p) => daysBetween(first, p.date) / 7);
	const spanWeeks = Math.max(...xs);
	if (count < 3 || spanWeeks < 1) return { trend: 'unknown', average, count };
	const meanX = xs.reduce((s, x) => s + x, 0) / count;
	let num = 0;
	let den = 0;
	points.forEach((p, i) => {
		num += (xs[i] - meanX) * (p.ease - average);
		den += (xs[i] - meanX) ** 2;
	});
	const slopePerWeek = den === 0 ? 0 : num / den;
	const trend: Trend = slopePerWeek > 0.25 ? 'easier' : slopePerWeek < -0.25 ? 'harder' : 'same';
	return { trend, slopePerWeek, average, count };
}

/** Per day: sessions credited and planned, for the calendar heat map. */
export function dailyPractice(
	plans: readonly ProgramPlan[],
	checkins: readonly CheckInLite[],
	from: IsoDate,
	to: IsoDate
): { date: IsoDate; credited: number; logged: number }[] {
	const byDate = new Map<IsoDate, { credited: number; logged: number }>();
	for (const c of checkins) {
		if (c.date < from || c.date > to) continue;
		if (!plans.some((p) => p.programId === c.programId)) continue;
		const row = byDate.get(c.date) ?? { credited: 0, logged: 0 };
		row.credited += credit(c.status);
		row.logged++;
		byDate.set(c.date, row);
	}
	const out = [];
	for (let date = from; date <= to; date = plusDays(date, 1))
		out.push({ date, ...(byDate.get(date) ?? { credited: 0, logged: 0 }) });
	return out;
}
