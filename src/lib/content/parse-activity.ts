import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { bodySchema, frontMatterSchema, type Activity } from './activity-schema.ts';

/** A problem in one activity file, phrased for the person who edits that file. */
export class ActivityFileError extends Error {
	constructor(
		readonly file: string,
		readonly field: string,
		readonly problem: string
	) {
		super(`${file}: ${field ? `field "${field}" ` : ''}${problem}`);
		this.name = 'ActivityFileError';
	}
}

const SECTION_KEYS: Record<string, keyof typeof bodySchema.entries> = {
	steps: 'steps',
	'why it helps': 'why',
	easier: 'easier',
	harder: 'harder',
	safety: 'safety'
};

function splitFrontMatter(file: string, source: string) {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
	if (!match)
		throw new ActivityFileError(file, '', 'must start with YAML front matter between --- lines');
	return { yaml: match[1], markdown: match[2] };
}

function listItems(lines: string[]) {
	return lines
		.map((line) => /^\s*(?:\d+\.|[-*])\s+(.*)$/.exec(line)?.[1]?.trim())
		.filter((item): item is string => Boolean(item));
}

function parseBody(file: string, markdown: string) {
	const sections = new Map<string, string[]>();
	let current: string[] | undefined;
	for (const line of markdown.split(/\r?\n/)) {
		const heading = /^##\s+(.+?)\s*$/.exec(line);
		if (heading) {
			const key = SECTION_KEYS[heading[1].toLowerCase()];
			if (!key) throw new ActivityFileError(file, heading[1], 'is not a known section heading');
			if (sections.has(key)) throw new ActivityFileError(file, heading[1], 'appears twice');
			current = [];
			sections.set(key, current);
		} else if (current) {
			current.push(line);
		} else if (line.trim()) {
			throw new ActivityFileError(file, '', 'has text before the first ## section');
		}
	}
	const paragraph = (lines: string[] | undefined) =>
		lines
			?.map((l) => l.trim())
			.filter(Boolean)
			.join(' ');
	return {
		steps: sections.has('steps') ? listItems(sections.get('steps')!) : undefined,
		why: paragraph(sections.get('why')),
		easier: sections.has('easier') ? listItems(sections.get('easier')!) : undefined,
		harder: sections.has('harder') ? listItems(sections.get('harder')!) : undefined,
		safety: listItems(sections.get('safety') ?? [])
	};
}

function fieldName(issue: v.BaseIssue<unknown>) {
	return (issue.path ?? [])
		.map((step) => (typeof step.key === 'number' ? `[${step.key}]` : `.${String(step.key)}`))
		.join('')
		.replace(/^\./, '')
		.replace(/^why$/, 'Why it helps');
}

function check<T extends v.GenericSchema>(file: string, schema: T, input: unknown) {
	const result = v.safeParse(schema, input);
	if (!result.success) {
		const issue = result.issues[0];
		throw new ActivityFileError(file, fieldName(issue), issue.message);
	}
	return result.output as v.InferOutput<T>;
}

/**
 * Parses and validates one activity file. `file` is the name used in messages
 * (e.g. `activities/bead-threading.md`); throws ActivityFileError naming the field.
 */
export function parseActivity(
	file: string,
	source: string,
	knownPictograms: ReadonlySet<string>
): Activity {
	const { yaml, markdown } = splitFrontMatter(file, source);
	let data: unknown;
	try {
		data = parseYaml(yaml);
	} catch (error) {
		throw new ActivityFileError(
			file,
			'',
			`has invalid YAML: ${(error as Error).message.split('\n')[0]}`
		);
	}
	const front = check(file, frontMatterSchema(knownPictograms), data);
	const body = check(file, bodySchema, parseBody(file, markdown));
	const expectedId = file.replace(/^.*\//, '').replace(/\.md$/, '');
	if (front.id !== expectedId)
		throw new ActivityFileError(file, 'id', `must match the file name ("${expectedId}")`);
	const activity = { ...front, ...body };
	checkSafety(file, activity);
	return activity;
}

/** Risks a family must read about before they start: the file must say so under ## Safety. */
const REQUIRED_SAFETY: {
	applies: (a: Activity) => boolean;
	mentions: RegExp;
	problem: string;
}[] = [
	{
		applies: (a) => a.goalAreas.includes('feeding') || a.settings.includes('mealtime'),
		mentions: /allerg/i,
		problem: 'must warn about food allergies (a food or mealtime activity)'
	},
	{
		applies: (a) => a.goalAreas.includes('feeding') || a.settings.includes('mealtime'),
		mentions: /chok/i,
		problem: 'must warn about choking (a food or mealtime activity)'
	},
	{
		applies: (a) => a.settings.includes('bath'),
		mentions: /water|drown/i,
		problem: 'must warn about water safety (a bath activity)'
	}
];

function checkSafety(file: string, activity: Activity) {
	const text = activity.safety.join(' ');
	for (const rule of REQUIRED_SAFETY) {
		if (rule.applies(activity) && !rule.mentions.test(text))
			throw new ActivityFileError(file, 'Safety', rule.problem);
	}
}

/** Parses every file and rejects duplicate ids; returns activities sorted by id. */
export function parseLibrary(
	files: { file: string; source: string }[],
	knownPictograms: ReadonlySet<string>
): Activity[] {
	const seen = new Map<string, string>();
	const activities = files.map(({ file, source }) => {
		const activity = parseActivity(file, source, knownPictograms);
		const other = seen.get(activity.id);
		if (other) throw new ActivityFileError(file, 'id', `duplicates the id in ${other}`);
		seen.set(activity.id, file);
		return activity;
	});
	return activities.sort((a, b) => a.id.localeCompare(b.id));
}
