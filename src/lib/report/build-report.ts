import type { ProgramItem } from '$lib/program/model';
import {
	daysPractised,
	easeTrend,
	itemAdherence,
	overall,
	weeklyAdherence,
	type Tally,
	type Trend
} from '$lib/schedule/adherence';
import type { CheckInLite, ProgramPlan } from '$lib/schedule/due';
import type { IsoDate, WeekStart } from '$lib/schedule/week';

/**
 * The progress report a family sends back: adherence per activity and per week, "how it went"
 * trends, and only the notes the family chose. No photos, no moods, nothing else.
 */
export interface ReportTally {
	planned: number;
	credited: number;
	done: number;
	partly: number;
	notToday: number;
}

export interface ReportItem extends ReportTally {
	itemId: string;
	title: string;
	trend: Trend;
	/** Average "how it went" (1 very hard … 5 very easy), one decimal, if answered. */
	ease?: number;
	easeCount: number;
}

export interface ReportDoc {
	programId: string;
	programVersion: number;
	childName: string;
	from: IsoDate;
	to: IsoDate;
	createdOn: IsoDate;
	overall: ReportTally;
	daysPractised: number;
	weeks: ({ weekStart: IsoDate } & Pick<ReportTally, 'planned' | 'credited'>)[];
	items: ReportItem[];
	notes: { date: IsoDate; itemId?: string; text: string }[];
}

export interface NoteCheckIn extends CheckInLite {
	note?: string;
}

const tallyOf = (t: Tally): ReportTally => ({
	planned: t.planned,
	credited: t.credited,
	done: t.done,
	partly: t.partly,
	notToday: t.notToday
});

/** Adherence as a whole percentage, or undefined when nothing was planned. */
export const percent = (t: Pick<ReportTally, 'planned' | 'credited'>) =>
	t.planned > 0 ? Math.round((100 * t.credited) / t.planned) : undefined;

/** The id a note is chosen by: the check-in it belongs to. */
export const noteKey = (c: Pick<CheckInLite, 'programId' | 'itemId' | 'date'>) =>
	`${c.programId}:${c.itemId}:${c.date}`;

export interface Summary {
	overall: ReportTally;
	daysPractised: number;
	weeks: ReportDoc['weeks'];
	items: ReportItem[];
}

/** Adherence, weeks, per-activity figures and trends for one or more programs over a period. */
export function summarize(input: {
	plans: readonly ProgramPlan[];
	checkins: readonly CheckInLite[];
	from: IsoDate;
	to: IsoDate;
	weekStartsOn: WeekStart;
	titleOf: (item: ProgramItem) => string;
}): Summary {
	const { plans, from, to, weekStartsOn } = input;
	const ids = new Set(plans.map((p) => p.programId));
	const mine = input.checkins.filter((c) => ids.has(c.programId) && c.date >= from && c.date <= to);
	const items = itemAdherence(plans, mine, from, to, weekStartsOn);
	return {
		overall: tallyOf(overall(items)),
		daysPractised: daysPractised(mine, from, to),
		weeks: weeklyAdherence(plans, mine, from, to, weekStartsOn).map((w) => ({
			weekStart: w.weekStart,
			planned: w.planned,
			credited: w.credited
		})),
		items: items.map((row) => {
			const eases = mine
				.filter(
					(c) => c.programId === row.programId && c.itemId === row.itemId && c.ease !== undefined
				)
				.map((c) => ({ date: c.date, ease: c.ease! }));
			const trend = easeTrend(eases);
			const item: ReportItem = {
				itemId: row.itemId,
				title: input.titleOf(row.item),
				...tallyOf(row),
				trend: trend.trend,
				easeCount: trend.count
			};
			if (trend.average !== undefined) item.ease = Math.round(trend.average * 10) / 10;
			return item;
		})
	};
}

export function buildReport(input: {
	plan: ProgramPlan;
	childName: string;
	checkins: readonly NoteCheckIn[];
	from: IsoDate;
	to: IsoDate;
	createdOn: IsoDate;
	weekStartsOn: WeekStart;
	titleOf: (item: ProgramItem) => string;
	/** Keys (noteKey) of the notes the family chose to include; none by default. */
	includeNotes?: ReadonlySet<string>;
}): ReportDoc {
	const { plan, from, to } = input;
	const latest = plan.versions[plan.versions.length - 1];
	return {
		programId: plan.programId,
		programVersion: latest.version,
		childName: input.childName,
		from,
		to,
		createdOn: input.createdOn,
		...summarize({ ...input, plans: [plan] }),
		notes: input.checkins
			.filter(
				(c) =>
					c.programId === plan.programId &&
					c.date >= from &&
					c.date <= to &&
					c.note &&
					input.includeNotes?.has(noteKey(c))
			)
			.sort((a, b) => a.date.localeCompare(b.date))
			.map((c) => ({ date: c.date, itemId: c.itemId, text: c.note! }))
	};
}
