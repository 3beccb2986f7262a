import * as v from 'valibot';
import { AGE_BANDS, GOAL_AREAS } from '$lib/content/taxonomy';
import { LIMITS, type ProgramDoc } from './model';

/**
 * What makes a program document acceptable, whether the therapist just built it or it arrived
 * in a link. Text is plain text: anything that looks like markup or a script is refused, so a
 * hostile link cannot smuggle it in (and the UI renders text as text anyway).
 */

const MARKUP = /<\s*[a-z!/?]|javascript:/i;
// Control characters other than tab and newline.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export const plainText = (max: number, min = 1) =>
	v.pipe(
		v.string(),
		v.check((s) => s.trim() === s, 'has spaces around it'),
		v.minLength(min),
		v.maxLength(max),
		v.check((s) => !MARKUP.test(s), 'looks like markup'),
		v.check((s) => !CONTROL.test(s), 'has control characters')
	);

const isoDate = v.pipe(
	v.string(),
	v.regex(/^\d{4}-\d{2}-\d{2}$/),
	v.check((s) => {
		const date = new Date(`${s}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(s);
	}, 'is not a real date')
);

const int = (min: number, max: number) =>
	v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const slug = v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/), v.maxLength(60));
const shortId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,60}$/));

const uniqueSorted = (items: number[]) => items.every((day, i) => i === 0 || day > items[i - 1]);

const itemSchema = v.pipe(
	v.strictObject({
		id: shortId,
		activityId: v.optional(slug),
		custom: v.optional(
			v.strictObject({
				title: plainText(LIMITS.customTitle),
				pictogram: slug,
				steps: v.pipe(
					v.array(plainText(LIMITS.stepText)),
					v.minLength(1),
					v.maxLength(LIMITS.customSteps)
				),
				kidSteps: v.pipe(
					v.array(v.strictObject({ text: plainText(LIMITS.kidStepText), pictogram: slug })),
					v.minLength(1),
					v.maxLength(LIMITS.kidSteps)
				)
			})
		),
		schedule: v.union([
			v.strictObject({
				days: v.pipe(
					v.array(int(0, 6)),
					v.minLength(1),
					v.maxLength(7),
					v.check(uniqueSorted, 'days must be sorted and distinct')
				)
			}),
			v.strictObject({ timesPerWeek: int(1, 7) })
		]),
		amount: v.union([
			v.strictObject({ minutes: int(1, 120) }),
			v.strictObject({ reps: int(1, 100), sets: int(1, 10) })
		]),
		anchor: plainText(LIMITS.anchor),
		note: v.optional(plainText(LIMITS.note)),
		variation: v.optional(v.picklist(['easier', 'harder']))
	}),
	v.check(
		(item) => (item.activityId === undefined) !== (item.custom === undefined),
		'an item is either a library activity or a custom one'
	)
);

export const programSchema = v.pipe(
	v.strictObject({
		id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{6,24}$/)),
		version: int(1, 100_000),
		child: v.strictObject({
			name: plainText(LIMITS.childName),
			ageBand: v.picklist(AGE_BANDS)
		}),
		goals: v.pipe(
			v.array(
				v.strictObject({
					text: plainText(LIMITS.goalText),
					goalAreas: v.pipe(
						v.array(v.picklist(GOAL_AREAS)),
						v.minLength(1),
						v.maxLength(3),
						v.check(
							(areas) => uniqueSorted(areas.map((area) => GOAL_AREAS.indexOf(area))),
							'goal areas must be distinct, in the library’s order'
						)
					)
				})
			),
			v.minLength(1),
			v.maxLength(LIMITS.goals)
		),
		therapist: v.strictObject({
			name: plainText(LIMITS.therapistField),
			clinic: v.optional(plainText(LIMITS.therapistField)),
			contact: v.optional(plainText(LIMITS.therapistField))
		}),
		startDate: isoDate,
		reviewDate: v.optional(isoDate),
		items: v.pipe(v.array(itemSchema), v.minLength(1), v.maxLength(LIMITS.items))
	}),
	v.check(
		(doc) => new Set(doc.items.map((item) => item.id)).size === doc.items.length,
		'item ids must be unique'
	),
	v.check(
		(doc) => doc.reviewDate === undefined || doc.reviewDate >= doc.startDate,
		'the review date comes before the start date'
	)
);

/** The problems of a program, as "field: message" lines; empty when it is acceptable. */
export function programProblems(doc: unknown): string[] {
	const result = v.safeParse(programSchema, doc);
	if (result.success) return [];
	return result.issues.map((issue) => {
		const path = (issue.path ?? []).map((step) => String(step.key)).join('.');
		return path ? `${path}: ${issue.message}` : issue.message;
	});
}

export function isValidProgram(doc: unknown): doc is ProgramDoc {
	return v.is(programSchema, doc);
}
