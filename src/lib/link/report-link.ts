import * as v from 'valibot';
import type { ReportDoc, ReportItem, ReportTally } from '$lib/report/build-report';
import { plainText } from '$lib/program/validate';
import { decodeEnvelope, encodeEnvelope, LinkError } from './envelope';

/**
 * The report link `/r#<payload>`, format 1: the same envelope as program links, holding
 *
 *   [programId, programVersion, childName, from, to, createdOn, overall, daysPractised,
 *    weeks, items, notes]
 *   dates   = days since 2020-01-01
 *   tally   = [planned, credited × 2, done, partly, notToday]   (credit comes in halves)
 *   week    = [weekStart, planned, credited × 2]
 *   item    = [itemId, title, ...tally, trend#, ease × 10 (0: none), easeCount]
 *   note    = [date, item index (-1: none), text]
 */

export const REPORT_FORMAT = 1;
const TRENDS = ['unknown', 'easier', 'same', 'harder'] as const;
const EPOCH = Date.UTC(2020, 0, 1);
const DAY = 86_400_000;

const toDays = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH) / DAY);
const fromDays = (days: unknown) => {
	if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 40_000)
		throw new LinkError('invalid', 'date');
	return new Date(EPOCH + days * DAY).toISOString().slice(0, 10);
};

const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000));
const halves = v.pipe(
	v.number(),
	v.minValue(0),
	v.maxValue(100_000),
	v.check((n) => Number.isInteger(n * 2), 'credit comes in halves')
);
const tallySchema = {
	planned: count,
	credited: halves,
	done: count,
	partly: count,
	notToday: count
};
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));

const reportSchema = v.pipe(
	v.strictObject({
		programId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{6,24}$/)),
		programVersion: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000)),
		childName: plainText(40),
		from: isoDate,
		to: isoDate,
		createdOn: isoDate,
		overall: v.strictObject(tallySchema),
		daysPractised: count,
		weeks: v.pipe(
			v.array(v.strictObject({ weekStart: isoDate, planned: count, credited: halves })),
			v.maxLength(60)
		),
		items: v.pipe(
			v.array(
				v.strictObject({
					itemId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,60}$/)),
					title: plainText(80),
					...tallySchema,
					trend: v.picklist(TRENDS),
					ease: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(5))),
					easeCount: count
				})
			),
			v.maxLength(30)
		),
		notes: v.pipe(
			v.array(
				v.strictObject({
					date: isoDate,
					itemId: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,60}$/))),
					text: plainText(500)
				})
			),
			v.maxLength(100)
		)
	}),
	v.check((r) => r.from <= r.to, 'the period ends before it starts')
);

const tallyToWire = (t: ReportTally) => [t.planned, t.credited * 2, t.done, t.partly, t.notToday];
const tallyFromWire = (wire: unknown[]): ReportTally => ({
	planned: wire[0] as number,
	credited: (wire[1] as number) / 2,
	done: wire[2] as number,
	partly: wire[3] as number,
	notToday: wire[4] as number
});

export function reportToWire(doc: ReportDoc): unknown[] {
	return [
		doc.programId,
		doc.programVersion,
		doc.childName,
		toDays(doc.from),
		toDays(doc.to),
		toDays(doc.createdOn),
		tallyToWire(doc.overall),
		doc.daysPractised,
		doc.weeks.map((w) => [toDays(w.weekStart), w.planned, w.credited * 2]),
		doc.items.map((i) => [
			i.itemId,
			i.title,
			...tallyToWire(i),
			TRENDS.indexOf(i.trend),
			i.ease === undefined ? 0 : Math.round(i.ease * 10),
			i.easeCount
		]),
		doc.notes.map((n) => [
			toDays(n.date),
			n.itemId === undefined ? -1 : doc.items.findIndex((i) => i.itemId === n.itemId),
			n.text
		])
	];
}

const arrays = (value: unknown, length?: number): unknown[][] => {
	if (!Array.isArray(value) || value.some((row) => !Array.isArray(row)))
		throw new LinkError('invalid', 'shape');
	if (length !== undefined && value.some((row: unknown[]) => row.length !== length))
		throw new LinkError('invalid', 'shape');
	return value as unknown[][];
};

export function reportFromWire(wire: unknown): ReportDoc {
	if (!Array.isArray(wire) || wire.length !== 11) throw new LinkError('invalid', 'shape');
	const [id, version, name, from, to, created, all, days, weeks, items, notes] = wire as unknown[];
	if (!Array.isArray(all) || all.length !== 5) throw new LinkError('invalid', 'tally');
	const itemRows = arrays(items, 10).map((row): ReportItem => {
		const item: ReportItem = {
			itemId: row[0] as string,
			title: row[1] as string,
			...tallyFromWire(row.slice(2, 7)),
			trend: TRENDS[row[7] as number],
			easeCount: row[9] as number
		};
		if (row[8] !== 0) item.ease = (row[8] as number) / 10;
		return item;
	});
	const doc: ReportDoc = {
		programId: id as string,
		programVersion: version as number,
		childName: name as string,
		from: fromDays(from),
		to: fromDays(to),
		createdOn: fromDays(created),
		overall: tallyFromWire(all),
		daysPractised: days as number,
		weeks: arrays(weeks, 3).map((w) => ({
			weekStart: fromDays(w[0]),
			planned: w[1] as number,
			credited: (w[2] as number) / 2
		})),
		items: itemRows,
		notes: arrays(notes, 3).map((n) => {
			const note: ReportDoc['notes'][number] = { date: fromDays(n[0]), text: n[2] as string };
			if (n[1] !== -1) {
				const item = itemRows[n[1] as number];
				if (!item) throw new LinkError('invalid', 'note item');
				note.itemId = item.itemId;
			}
			return note;
		})
	};
	if (!v.is(reportSchema, doc)) throw new LinkError('invalid', 'report');
	return doc;
}

export async function encodeReport(doc: ReportDoc): Promise<string> {
	if (!v.is(reportSchema, doc)) throw new Error('encodeReport: the report is not valid');
	return encodeEnvelope('report', REPORT_FORMAT, reportToWire(doc));
}

export async function decodeReport(payload: string): Promise<ReportDoc> {
	const { value } = await decodeEnvelope('report', REPORT_FORMAT, payload);
	try {
		return reportFromWire(value);
	} catch (error) {
		if (error instanceof LinkError) throw error;
		throw new LinkError('invalid', (error as Error).message);
	}
}

export async function reportLink(origin: string, doc: ReportDoc): Promise<string> {
	return `${origin}/r#${await encodeReport(doc)}`;
}
