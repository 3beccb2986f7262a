import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { parseActivity, parseLibrary } from '$lib/content/parse-activity';
import { activityLibrary } from '$lib/content/vite-plugin-activities';

const pictograms = new Set(['thread', 'star', 'pinching-hand', 'soap']);

interface Parts {
	front: Record<string, string>;
	body: string;
}

function activity(id = 'demo-activity', edit: (parts: Parts) => void = () => {}) {
	const parts: Parts = {
		front: {
			id,
			title: 'Demo activity',
			summary: 'A short summary of what the child does here.',
			goalAreas: '[fine-motor]',
			ageBands: "['3-5']",
			settings: '[home]',
			routineAnchors: '[after breakfast]',
			dosage: '\n  minutes: 10\n  timesPerWeek: 3',
			materials: '[a lace]',
			pictogram: 'thread',
			kidSteps:
				'\n  - text: Pick a bead.\n    pictogram: pinching-hand\n  - text: Well done!\n    pictogram: star'
		},
		body: [
			'## Steps',
			'1. Sit together at the table.',
			'2. Show how to hold the lace.',
			'3. Take turns threading beads.',
			'## Why it helps',
			'It trains the pinch and both hands working together.',
			'## Easier',
			'- Use bigger beads.',
			'## Harder',
			'- Use smaller beads.'
		].join('\n')
	};
	edit(parts);
	const yaml = Object.entries(parts.front)
		.map(([key, value]) => `${key}: ${value}`)
		.join('\n');
	return { file: `activities/${id}.md`, source: `---\n${yaml}\n---\n${parts.body}\n` };
}

const problem = (input: { file: string; source: string }) => {
	try {
		parseActivity(input.file, input.source, pictograms);
	} catch (error) {
		return (error as Error).message;
	}
	return 'no error';
};

describe('activity files', () => {
	it('accepts a valid file and reads its sections', () => {
		const { file, source } = activity();
		const parsed = parseActivity(file, source, pictograms);
		expect(parsed.steps).toHaveLength(3);
		expect(parsed.why).toMatch(/^It trains/);
		expect(parsed.kidSteps[0]).toEqual({ text: 'Pick a bead.', pictogram: 'pinching-hand' });
		expect(parsed.safety).toEqual([]);
	});

	it('names the file and the field of a broken value', () => {
		expect(problem(activity('a', (p) => (p.front.title = '"Hi"')))).toBe(
			'activities/a.md: field "title" must be at least 3 characters'
		);
		expect(problem(activity('b', (p) => (p.front.dosage = '\n  timesPerWeek: 3')))).toBe(
			'activities/b.md: field "dosage" needs either minutes, or reps with sets (not both)'
		);
		expect(problem(activity('c', (p) => delete p.front.summary))).toMatch(
			/^activities\/c\.md: field "summary" /
		);
		expect(problem(activity('d', (p) => (p.front.colour = 'red')))).toBe(
			'activities/d.md: field "colour" is not a known field'
		);
		expect(problem(activity('d2', (p) => (p.front.dosage = '10 minutes')))).toBe(
			'activities/d2.md: field "dosage" must be a set of fields'
		);
	});

	it('rejects an unknown goal area', () => {
		expect(problem(activity('e', (p) => (p.front.goalAreas = '[fine-motor, cooking]')))).toBe(
			'activities/e.md: field "goalAreas[1]" unknown goal area "cooking"'
		);
	});

	it('rejects an unknown age band', () => {
		expect(problem(activity('f', (p) => (p.front.ageBands = "['3-5', '14-18']")))).toBe(
			'activities/f.md: field "ageBands[1]" unknown age band "14-18"'
		);
	});

	it('rejects an unknown pictogram, in the card and in a kid step', () => {
		expect(problem(activity('g', (p) => (p.front.pictogram = 'unicorn-rainbow')))).toBe(
			'activities/g.md: field "pictogram" unknown pictogram "unicorn-rainbow"'
		);
		expect(
			problem(
				activity(
					'h',
					(p) =>
						(p.front.kidSteps =
							'\n  - text: Pick a bead.\n    pictogram: nope\n  - text: Done!\n    pictogram: star')
				)
			)
		).toBe('activities/h.md: field "kidSteps[0].pictogram" unknown pictogram "nope"');
	});

	it('rejects a missing or doubled section and an id that differs from the file name', () => {
		expect(
			problem(
				activity('i', (p) => (p.body = p.body.replace(/## Easier\n- Use bigger beads\.\n/, '')))
			)
		).toMatch(/^activities\/i\.md: field "easier" /);
		expect(problem(activity('j', (p) => (p.body += '\n## Steps\n1. Again.')))).toBe(
			'activities/j.md: field "Steps" appears twice'
		);
		const renamed = activity('k');
		expect(problem({ ...renamed, file: 'activities/other.md' })).toBe(
			'activities/other.md: field "id" must match the file name ("other")'
		);
	});

	it('requires allergy and choking warnings for food, and water safety for the bath', () => {
		expect(problem(activity('l', (p) => (p.front.goalAreas = '[feeding]')))).toBe(
			'activities/l.md: field "Safety" must warn about food allergies (a food or mealtime activity)'
		);
		expect(
			problem(
				activity('m', (p) => {
					p.front.settings = '[mealtime]';
					p.body += '\n## Safety\n- Check for food allergies first.';
				})
			)
		).toBe('activities/m.md: field "Safety" must warn about choking (a food or mealtime activity)');
		expect(problem(activity('n', (p) => (p.front.settings = '[bath]')))).toBe(
			'activities/n.md: field "Safety" must warn about water safety (a bath activity)'
		);
	});

	it('rejects two files with the same id', () => {
		const first = activity('same');
		const second = { ...activity('same'), file: 'activities/same.md' };
		expect(() => parseLibrary([first, second], pictograms)).toThrow(
			'activities/same.md: field "id" duplicates the id in activities/same.md'
		);
	});
});

describe('the build', () => {
	it('fails on a broken activity file, naming the file and the field', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'homeplay-activities-'));
		try {
			const broken = activity('broken-one', (p) => (p.front.ageBands = "['teen']"));
			writeFileSync(join(dir, 'broken-one.md'), broken.source);
			await expect(
				build({
					configFile: false,
					logLevel: 'silent',
					plugins: [activityLibrary(dir)],
					build: { write: false, rollupOptions: { input: 'src/lib/content/taxonomy.ts' } }
				})
			).rejects.toThrow('activities/broken-one.md: field "ageBands[0]" unknown age band "teen"');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
