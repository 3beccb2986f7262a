import { addWeeks, formatISO, isValid, parseISO } from 'date-fns';
import { GOAL_AREAS, type AgeBand } from '$lib/content/taxonomy';
import { LIMITS, randomId, type ProgramDoc, type ProgramItem } from './model';
import { programProblems } from './validate';

/**
 * The builder's working copy of a program: the same shape as a ProgramDoc, but texts may be
 * empty or padded while the therapist types. `finish` turns it into a valid document or says,
 * field by field, what is missing.
 */
export type Draft = Omit<ProgramDoc, 'child'> & { child: { name: string; ageBand: AgeBand | '' } };

export interface DraftProblem {
	/** The id of the form field to focus. */
	field: string;
	/** A message key; `index` is 1-based for goals and items. */
	message:
		| 'childName'
		| 'ageBand'
		| 'goalText'
		| 'goalAreas'
		| 'therapistName'
		| 'startDate'
		| 'reviewDate'
		| 'noItems'
		| 'customTitle'
		| 'customSteps'
		| 'customKidSteps'
		| 'markup'
		| 'tooLong'
		| 'other';
	index?: number;
	detail?: string;
}

export function today(now = new Date()): string {
	return formatISO(now, { representation: 'date' });
}

export function emptyDraft(now = new Date()): Draft {
	return {
		id: randomId(10),
		version: 1,
		child: { name: '', ageBand: '' },
		goals: [{ text: '', goalAreas: [] }],
		therapist: { name: '' },
		startDate: today(now),
		reviewDate: formatISO(addWeeks(now, 8), { representation: 'date' }),
		items: []
	};
}

/** A copy to start a new program from: new id, version 1, no child. */
export function asTemplate(doc: ProgramDoc, now = new Date()): Draft {
	return {
		...structuredClone(doc),
		id: randomId(10),
		version: 1,
		child: { name: '', ageBand: doc.child.ageBand },
		startDate: today(now),
		reviewDate: formatISO(addWeeks(now, 8), { representation: 'date' })
	};
}

const MARKUP = /<\s*[a-z!/?]|javascript:/i;
const clean = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const cleanMultiline = (text: string | undefined) =>
	(text ?? '')
		.split('\n')
		.map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
const realDate = (iso: string | undefined) =>
	!!iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) && isValid(parseISO(iso));

function normalizeItem(item: ProgramItem): ProgramItem {
	const out: ProgramItem = {
		id: item.id,
		schedule:
			'days' in item.schedule
				? { days: [...new Set(item.schedule.days)].sort((a, b) => a - b) }
				: { timesPerWeek: item.schedule.timesPerWeek },
		amount: { ...item.amount },
		anchor: clean(item.anchor)
	};
	if (item.activityId) out.activityId = item.activityId;
	if (item.custom)
		out.custom = {
			title: clean(item.custom.title),
			pictogram: item.custom.pictogram,
			steps: item.custom.steps.map(clean).filter(Boolean),
			kidSteps: item.custom.kidSteps
				.map((step) => ({ text: clean(step.text), pictogram: step.pictogram }))
				.filter((step) => step.text)
		};
	const note = cleanMultiline(item.note);
	if (note) out.note = note;
	if (item.variation) out.variation = item.variation;
	return out;
}

/** The draft as a document: texts trimmed, empty optional fields dropped, lists in order. */
export function normalize(draft: Draft): Draft {
	const doc: Draft = {
		id: draft.id,
		version: draft.version,
		child: { name: clean(draft.child.name), ageBand: draft.child.ageBand },
		goals: draft.goals
			.map((goal) => ({
				text: clean(goal.text),
				goalAreas: GOAL_AREAS.filter((area) => goal.goalAreas.includes(area))
			}))
			.filter((goal) => goal.text || goal.goalAreas.length),
		therapist: { name: clean(draft.therapist.name) },
		startDate: draft.startDate,
		items: draft.items.map(normalizeItem)
	};
	const clinic = clean(draft.therapist.clinic);
	const contact = clean(draft.therapist.contact);
	if (clinic) doc.therapist.clinic = clinic;
	if (contact) doc.therapist.contact = contact;
	if (draft.reviewDate) doc.reviewDate = draft.reviewDate;
	return doc;
}

/** What stops the draft from being handed over, in form order; empty when it is ready. */
export function draftProblems(draft: Draft): DraftProblem[] {
	const doc = normalize(draft);
	const problems: DraftProblem[] = [];
	const texts: { field: string; value: string; max: number }[] = [];
	if (!doc.child.name) problems.push({ field: 'child-name', message: 'childName' });
	texts.push({ field: 'child-name', value: doc.child.name, max: LIMITS.childName });
	if (!doc.child.ageBand) problems.push({ field: 'age-band', message: 'ageBand' });
	if (doc.goals.length === 0) problems.push({ field: 'goal-0', message: 'goalText', index: 1 });
	doc.goals.forEach((goal, i) => {
		if (!goal.text) problems.push({ field: `goal-${i}`, message: 'goalText', index: i + 1 });
		if (!goal.goalAreas.length)
			problems.push({ field: `goal-${i}-areas`, message: 'goalAreas', index: i + 1 });
		texts.push({ field: `goal-${i}`, value: goal.text, max: LIMITS.goalText });
	});
	if (!doc.therapist.name) problems.push({ field: 'therapist-name', message: 'therapistName' });
	for (const [key, value] of Object.entries(doc.therapist))
		texts.push({ field: `therapist-${key}`, value, max: LIMITS.therapistField });
	if (!realDate(doc.startDate)) problems.push({ field: 'start-date', message: 'startDate' });
	if (doc.reviewDate && (!realDate(doc.reviewDate) || doc.reviewDate < doc.startDate))
		problems.push({ field: 'review-date', message: 'reviewDate' });
	if (doc.items.length === 0) problems.push({ field: 'add-activity', message: 'noItems' });
	doc.items.forEach((item, i) => {
		const index = i + 1;
		if (item.custom) {
			if (!item.custom.title)
				problems.push({ field: `item-${item.id}-title`, message: 'customTitle', index });
			if (!item.custom.steps.length)
				problems.push({ field: `item-${item.id}-steps`, message: 'customSteps', index });
			if (!item.custom.kidSteps.length)
				problems.push({ field: `item-${item.id}-kid-steps`, message: 'customKidSteps', index });
			texts.push({
				field: `item-${item.id}-title`,
				value: item.custom.title,
				max: LIMITS.customTitle
			});
			for (const step of item.custom.steps)
				texts.push({ field: `item-${item.id}-steps`, value: step, max: LIMITS.stepText });
			for (const step of item.custom.kidSteps)
				texts.push({
					field: `item-${item.id}-kid-steps`,
					value: step.text,
					max: LIMITS.kidStepText
				});
		}
		texts.push({ field: `item-${item.id}-note`, value: item.note ?? '', max: LIMITS.note });
		texts.push({ field: `item-${item.id}-anchor`, value: item.anchor, max: LIMITS.anchor });
	});
	for (const text of texts) {
		if (MARKUP.test(text.value)) problems.push({ field: text.field, message: 'markup' });
		else if (text.value.length > text.max)
			problems.push({ field: text.field, message: 'tooLong', detail: String(text.max) });
	}
	if (problems.length === 0)
		for (const detail of programProblems(doc))
			problems.push({ field: 'save', message: 'other', detail });
	return problems;
}

/** The finished document, or undefined while there are problems. */
export function finish(draft: Draft): ProgramDoc | undefined {
	return draftProblems(draft).length ? undefined : (normalize(draft) as ProgramDoc);
}
