import { AGE_BANDS, GOAL_AREAS } from '$lib/content/taxonomy';
import type {
	CustomActivity,
	ItemAmount,
	ItemSchedule,
	ProgramDoc,
	ProgramItem
} from '$lib/program/model';
import { SUGGESTED_ANCHORS } from '$lib/program/model';
import { isValidProgram } from '$lib/program/validate';
import { decodeEnvelope, encodeEnvelope, LinkError } from './envelope';

/**
 * The program link `/p#<payload>`, format 1. The document travels as positional JSON arrays
 * (short, and compressible) inside the envelope:
 *
 *   [id, version, childName, ageBand#, goals, therapist, start, review, items]
 *   goal      = [text, goalArea bitmask]
 *   therapist = [name, clinic?, contact?]
 *   start     = days since 2020-01-01; review = days after the start + 1 (0: no review date)
 *   item      = [ref, schedule, amount, anchor, note?, variation?, itemId?]
 *     ref       = library activity id, or [title, pictogram, steps, kidSteps] for a custom one
 *     schedule  = 1–7 times a week, or 7 + weekday bitmask (bit 0 = Sunday)
 *     amount    = minutes, or [reps, sets]
 *     anchor    = index into SUGGESTED_ANCHORS, or the text of a custom one
 *     variation = 0 none, 1 easier, 2 harder
 *     itemId    = only when it differs from the library activity id
 *
 * Decoding checks the envelope (kind, format, checksum) and then the document itself; anything
 * that does not come back as a valid ProgramDoc is a LinkError.
 */

export const PROGRAM_FORMAT = 1;

const EPOCH = Date.UTC(2020, 0, 1);
const DAY = 86_400_000;

const dateToWire = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH) / DAY);
const dateFromWire = (days: unknown) => {
	if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 40_000)
		throw new LinkError('invalid', 'date');
	return new Date(EPOCH + days * DAY).toISOString().slice(0, 10);
};

const scheduleToWire = (schedule: ItemSchedule) =>
	'timesPerWeek' in schedule
		? schedule.timesPerWeek
		: 7 + schedule.days.reduce((mask, day) => mask | (1 << day), 0);

function scheduleFromWire(n: unknown): ItemSchedule {
	if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 7 + 127)
		throw new LinkError('invalid', 'schedule');
	if (n <= 7) return { timesPerWeek: n };
	const mask = n - 7;
	return { days: [0, 1, 2, 3, 4, 5, 6].filter((day) => mask & (1 << day)) };
}

const amountToWire = (amount: ItemAmount) =>
	'minutes' in amount ? amount.minutes : [amount.reps, amount.sets];

const amountFromWire = (wire: unknown): ItemAmount =>
	Array.isArray(wire)
		? { reps: wire[0] as number, sets: wire[1] as number }
		: { minutes: wire as number };

function anchorToWire(anchor: string) {
	const index = (SUGGESTED_ANCHORS as readonly string[]).indexOf(anchor);
	return index >= 0 ? index : anchor;
}

function anchorFromWire(wire: unknown) {
	if (typeof wire === 'number') {
		const anchor = SUGGESTED_ANCHORS[wire];
		if (anchor === undefined) throw new LinkError('invalid', 'anchor');
		return anchor;
	}
	return wire as string;
}

const maskOf = <T>(all: readonly T[], chosen: readonly T[]) =>
	chosen.reduce((mask, value) => mask | (1 << all.indexOf(value)), 0);
const fromMask = <T>(all: readonly T[], mask: unknown) => {
	if (typeof mask !== 'number' || !Number.isInteger(mask) || mask <= 0 || mask >= 1 << all.length)
		throw new LinkError('invalid', 'mask');
	return all.filter((_, i) => mask & (1 << i));
};

/** Drops trailing "empty" values past the first `keep`, so optional fields cost nothing. */
function trim(values: unknown[], keep: number) {
	while (values.length > keep && [undefined, '', 0].includes(values.at(-1) as never)) values.pop();
	return values;
}

function itemToWire(item: ProgramItem) {
	const ref = item.custom
		? [
				item.custom.title,
				item.custom.pictogram,
				item.custom.steps,
				item.custom.kidSteps.map((s) => [s.text, s.pictogram])
			]
		: item.activityId;
	return trim(
		[
			ref,
			scheduleToWire(item.schedule),
			amountToWire(item.amount),
			anchorToWire(item.anchor),
			item.note ?? '',
			item.variation === 'easier' ? 1 : item.variation === 'harder' ? 2 : 0,
			item.id === item.activityId ? undefined : item.id
		],
		4
	);
}

function itemFromWire(wire: unknown): ProgramItem {
	if (!Array.isArray(wire) || wire.length < 4 || wire.length > 7)
		throw new LinkError('invalid', 'item');
	const [ref, schedule, amount, anchor, note, variation, id] = wire as unknown[];
	const item: ProgramItem = {
		id: '',
		schedule: scheduleFromWire(schedule),
		amount: amountFromWire(amount),
		anchor: anchorFromWire(anchor)
	};
	if (typeof ref === 'string') {
		item.activityId = ref;
		item.id = ref;
	} else if (Array.isArray(ref) && ref.length === 4 && Array.isArray(ref[3])) {
		const [title, pictogram, steps, kidSteps] = ref as [string, string, string[], unknown[]];
		const custom: CustomActivity = {
			title,
			pictogram,
			steps,
			kidSteps: kidSteps.map((step) => {
				if (!Array.isArray(step) || step.length !== 2) throw new LinkError('invalid', 'kid step');
				return { text: step[0] as string, pictogram: step[1] as string };
			})
		};
		item.custom = custom;
	} else throw new LinkError('invalid', 'item reference');
	if (note !== undefined && note !== '') item.note = note as string;
	if (variation === 1) item.variation = 'easier';
	else if (variation === 2) item.variation = 'harder';
	else if (variation !== undefined && variation !== 0) throw new LinkError('invalid', 'variation');
	if (id !== undefined) item.id = id as string;
	return item;
}

export function programToWire(doc: ProgramDoc): unknown[] {
	return [
		doc.id,
		doc.version,
		doc.child.name,
		AGE_BANDS.indexOf(doc.child.ageBand),
		doc.goals.map((goal) => [goal.text, maskOf(GOAL_AREAS, goal.goalAreas)]),
		trim([doc.therapist.name, doc.therapist.clinic ?? '', doc.therapist.contact ?? ''], 1),
		dateToWire(doc.startDate),
		doc.reviewDate ? dateToWire(doc.reviewDate) - dateToWire(doc.startDate) + 1 : 0,
		doc.items.map(itemToWire)
	];
}

export function programFromWire(wire: unknown): ProgramDoc {
	if (!Array.isArray(wire) || wire.length !== 9) throw new LinkError('invalid', 'shape');
	const [id, version, name, band, goals, therapist, start, review, items] = wire as unknown[];
	if (!Array.isArray(goals) || !Array.isArray(therapist) || !Array.isArray(items))
		throw new LinkError('invalid', 'shape');
	const ageBand = AGE_BANDS[band as number];
	if (typeof band !== 'number' || ageBand === undefined) throw new LinkError('invalid', 'age band');
	const [therapistName, clinic, contact] = therapist as unknown[];
	const doc: ProgramDoc = {
		id: id as string,
		version: version as number,
		child: { name: name as string, ageBand },
		goals: goals.map((goal) => {
			if (!Array.isArray(goal) || goal.length !== 2) throw new LinkError('invalid', 'goal');
			return { text: goal[0] as string, goalAreas: fromMask(GOAL_AREAS, goal[1]) };
		}),
		therapist: { name: therapistName as string },
		startDate: dateFromWire(start),
		items: items.map(itemFromWire)
	};
	if (therapist.length > 3) throw new LinkError('invalid', 'therapist');
	if (clinic) doc.therapist.clinic = clinic as string;
	if (contact) doc.therapist.contact = contact as string;
	if (review !== 0) {
		if (typeof review !== 'number' || typeof start !== 'number')
			throw new LinkError('invalid', 'date');
		doc.reviewDate = dateFromWire(start + review - 1);
	}
	if (!isValidProgram(doc)) throw new LinkError('invalid', 'program');
	return doc;
}

/** The payload for `/p#…`. Throws if the program is not valid (the builder checks first). */
export async function encodeProgram(doc: ProgramDoc): Promise<string> {
	if (!isValidProgram(doc)) throw new Error('encodeProgram: the program is not valid');
	return encodeEnvelope('program', PROGRAM_FORMAT, programToWire(doc));
}

/** Reads a `/p#…` payload back; throws LinkError for anything that is not a valid program. */
export async function decodeProgram(payload: string): Promise<ProgramDoc> {
	const { value } = await decodeEnvelope('program', PROGRAM_FORMAT, payload);
	try {
		return programFromWire(value);
	} catch (error) {
		if (error instanceof LinkError) throw error;
		throw new LinkError('invalid', (error as Error).message);
	}
}

/** The full link for a program, on this app's origin. */
export async function programLink(origin: string, doc: ProgramDoc): Promise<string> {
	return `${origin}/p#${await encodeProgram(doc)}`;
}
