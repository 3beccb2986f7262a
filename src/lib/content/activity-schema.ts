import * as v from 'valibot';
import { AGE_BANDS, GOAL_AREAS, SETTINGS } from './taxonomy.ts';

/**
 * The schema every file in `activities/` must satisfy. Messages name the rule in plain words;
 * the loader prefixes them with the file name and the field path.
 */

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const text = (min: number, max: number) =>
	v.pipe(
		v.string('must be text'),
		v.trim(),
		v.minLength(min, `must be at least ${min} characters`),
		v.maxLength(max, `must be at most ${max} characters`)
	);

const count = (min: number, max: number) =>
	v.pipe(
		v.number('must be a number'),
		v.integer('must be a whole number'),
		v.minValue(min, `must be at least ${min}`),
		v.maxValue(max, `must be at most ${max}`)
	);

const list = <T extends v.GenericSchema>(item: T, min: number, max: number) =>
	v.pipe(
		v.array(item, 'must be a list'),
		v.minLength(min, `must have at least ${min} item${min === 1 ? '' : 's'}`),
		v.maxLength(max, `must have at most ${max} items`)
	);

/** A strict object's message: an extra key, or something that is not a set of fields at all. */
const strictMessage = (issue: v.BaseIssue<unknown>) =>
	issue.expected === 'never' ? 'is not a known field' : 'must be a set of fields';

const unique = <T>(items: T[]) => new Set(items).size === items.length;

export const pictogramName = (known: ReadonlySet<string>) =>
	v.pipe(
		v.string('must be a pictogram name'),
		v.check(
			(name) => known.has(name),
			(issue) => `unknown pictogram "${String(issue.input)}"`
		)
	);

export const dosageSchema = v.pipe(
	v.strictObject(
		{
			minutes: v.optional(count(1, 60)),
			reps: v.optional(count(1, 50)),
			sets: v.optional(count(1, 5)),
			timesPerWeek: count(1, 7)
		},
		strictMessage
	),
	v.check(
		(d) => (d.minutes !== undefined) !== (d.reps !== undefined),
		'needs either minutes, or reps with sets (not both)'
	),
	v.check((d) => d.reps === undefined || d.sets !== undefined, 'reps needs sets too')
);

export const frontMatterSchema = (known: ReadonlySet<string>) =>
	v.strictObject(
		{
			id: v.pipe(v.string('must be text'), v.regex(slugPattern, 'must be a lowercase slug')),
			title: text(3, 60),
			summary: text(20, 140),
			goalAreas: v.pipe(
				list(
					v.picklist(GOAL_AREAS, (i) => `unknown goal area "${String(i.input)}"`),
					1,
					3
				),
				v.check(unique, 'must not repeat a goal area')
			),
			ageBands: v.pipe(
				list(
					v.picklist(AGE_BANDS, (i) => `unknown age band "${String(i.input)}"`),
					1,
					4
				),
				v.check(unique, 'must not repeat an age band')
			),
			settings: v.pipe(
				list(
					v.picklist(SETTINGS, (i) => `unknown setting "${String(i.input)}"`),
					1,
					7
				),
				v.check(unique, 'must not repeat a setting')
			),
			routineAnchors: list(text(3, 40), 1, 3),
			dosage: dosageSchema,
			materials: list(text(2, 80), 0, 6),
			pictogram: pictogramName(known),
			kidSteps: list(v.strictObject({ text: text(2, 40), pictogram: pictogramName(known) }), 2, 5),
			retired: v.optional(v.boolean('must be true or false'))
		},
		strictMessage
	);

export const bodySchema = v.strictObject({
	steps: list(text(5, 240), 3, 8),
	why: text(20, 400),
	easier: list(text(5, 200), 1, 3),
	harder: list(text(5, 200), 1, 3),
	safety: list(text(5, 240), 0, 3)
});

export type FrontMatter = v.InferOutput<ReturnType<typeof frontMatterSchema>>;
export type ActivityBody = v.InferOutput<typeof bodySchema>;
export type Dosage = v.InferOutput<typeof dosageSchema>;
export type KidStep = FrontMatter['kidSteps'][number];
export type Activity = FrontMatter & ActivityBody;
