import { describe, expect, it } from 'vitest';
import { LinkError, encodeEnvelope } from '$lib/link/envelope';
import { decodeReport, encodeReport, reportLink, reportToWire } from '$lib/link/report-link';
import { buildReport, noteKey, percent, type NoteCheckIn } from '$lib/report/build-report';
import type { ProgramPlan } from '$lib/schedule/due';
import { weekDates } from '$lib/schedule/week';
import { sampleProgram } from './fixtures/programs';

const doc = sampleProgram({ libraryItems: 2, customItems: 1 });
doc.items[0].schedule = { days: [1, 3, 5] };
doc.items[1].schedule = { timesPerWeek: 2 };
doc.items[2].schedule = { days: [2] };
const plan: ProgramPlan = {
	programId: doc.id,
	versions: [{ version: 3, effectiveFrom: '2026-11-02', doc }]
};
const week1 = weekDates('2026-11-09');
const week2 = weekDates('2026-11-16');
const c = (
	itemId: string,
	date: string,
	status: NoteCheckIn['status'],
	extra: Partial<NoteCheckIn> = {}
): NoteCheckIn => ({ programId: doc.id, itemId, date, status, ...extra });
const checkins: NoteCheckIn[] = [
	c(doc.items[0].id, week1[0], 'done', { ease: 2, note: 'Hard start, but she kept going.' }),
	c(doc.items[0].id, week1[2], 'done', { ease: 3 }),
	c(doc.items[0].id, week2[0], 'partly', { ease: 4, note: 'Private: grandma visited.' }),
	c(doc.items[0].id, week2[4], 'done', { ease: 5 }),
	c(doc.items[1].id, week1[1], 'not-today', { note: 'Fever.' }),
	c(doc.items[1].id, week2[3], 'done'),
	c(doc.items[2].id, week2[1], 'done')
];

function report(includeNotes = new Set<string>()) {
	return buildReport({
		plan,
		childName: 'Mia',
		checkins,
		from: week1[0],
		to: week2[6],
		createdOn: '2026-11-23',
		weekStartsOn: 1,
		titleOf: (item) => item.custom?.title ?? item.activityId ?? '?',
		includeNotes
	});
}

describe('report', () => {
	it('sums adherence per activity and week, with trends, and no notes by default', () => {
		const r = report();
		expect(r.programVersion).toBe(3);
		expect(r.items.map((i) => [i.title, i.planned, i.credited, i.notToday, i.trend])).toEqual([
			['bead-threading', 6, 3.5, 0, 'easier'],
			['putty-treasure-hunt', 4, 1, 1, 'unknown'],
			['Sock sorting race', 2, 1, 0, 'unknown']
		]);
		expect(r.overall).toEqual({ planned: 12, credited: 5.5, done: 5, partly: 1, notToday: 1 });
		expect(percent(r.overall)).toBe(46);
		expect(r.weeks).toEqual([
			{ weekStart: week1[0], planned: 6, credited: 2 },
			{ weekStart: week2[0], planned: 6, credited: 3.5 }
		]);
		expect(r.daysPractised).toBe(6);
		expect(r.notes).toEqual([]);
		expect(r.items[0].ease).toBe(3.5);
	});

	it('includes only the notes the family chose', () => {
		const r = report(new Set([noteKey(checkins[0])]));
		expect(r.notes).toEqual([
			{ date: week1[0], itemId: doc.items[0].id, text: 'Hard start, but she kept going.' }
		]);
	});

	it('round-trips through the report link exactly', async () => {
		const r = report(new Set([noteKey(checkins[0]), noteKey(checkins[4])]));
		const link = await reportLink('https://homeplay.example', r);
		expect(link.length).toBeLessThan(900);
		expect(await decodeReport(link.split('#')[1])).toEqual(r);
	});

	it('refuses damaged, foreign and hostile reports', async () => {
		const problem = async (payload: string) =>
			decodeReport(payload).then(
				() => 'decoded',
				(error: unknown) => (error instanceof LinkError ? error.problem : 'crash')
			);
		const good = await encodeReport(report());
		expect(await problem(good.slice(0, -3))).toBe('damaged');
		expect(await problem(await encodeEnvelope('program', 1, []))).toBe('wrong-kind');
		const wire = reportToWire(report());
		wire[2] = '<script>alert(1)</script>';
		expect(await problem(await encodeEnvelope('report', 1, wire))).toBe('invalid');
		const odd = reportToWire(report());
		(odd[6] as number[])[1] = 3.3;
		expect(await problem(await encodeEnvelope('report', 1, odd))).toBe('invalid');
	});
});
