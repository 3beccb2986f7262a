import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLibrary, knownPictograms, readActivityFiles } from '$lib/content/build-library';
import { parseActivity } from '$lib/content/parse-activity';
import { gradeLevel } from '$lib/content/readability';
import { AGE_BANDS, GOAL_AREAS } from '$lib/content/taxonomy';
import type { Activity } from '$lib/content/library-types';

/** The real library in activities/: every file valid, enough of it, readable, every cell covered. */

const files = readActivityFiles('activities');
const pictograms = knownPictograms();

const caregiverText = (a: Activity) => [
	a.summary,
	...a.steps,
	a.why,
	...a.easier,
	...a.harder,
	...a.safety
];

describe.each(files)('$file', ({ file, source }) => {
	it('is valid and reads at about grade 6–8 (Flesch–Kincaid ≤ 9)', () => {
		const activity = parseActivity(file, source, pictograms);
		expect(gradeLevel(caregiverText(activity))).toBeLessThanOrEqual(9);
	});
});

/** Cells named in activities/README.md under "Cells left out", as `goal-area × age-band`. */
function exemptCells(): Set<string> {
	const readme = readFileSync('activities/README.md', 'utf8');
	const section = readme.split(/^## /m).find((s) => s.startsWith('Cells left out')) ?? '';
	return new Set([...section.matchAll(/`([a-z-]+) × ([0-9-]+)`/g)].map((m) => `${m[1]}|${m[2]}`));
}

describe('the library as a whole', () => {
	const library = buildLibrary('activities');
	const active = library.activities.filter((a) => !a.retired);

	it('has at least 120 activities', () => {
		expect(active.length).toBeGreaterThanOrEqual(120);
	});

	it('has at least 3 activities in every goal area × age band cell not named as left out', () => {
		const exempt = exemptCells();
		const thin: string[] = [];
		for (const goal of GOAL_AREAS)
			for (const band of AGE_BANDS) {
				if (exempt.has(`${goal}|${band}`)) continue;
				const count = active.filter(
					(a) => a.goalAreas.includes(goal) && a.ageBands.includes(band)
				).length;
				if (count < 3) thin.push(`${goal} × ${band}: ${count}`);
			}
		expect(thin).toEqual([]);
	});

	it('reads at grade 8 or below on average', () => {
		const grades = active.map((a) => gradeLevel(caregiverText(a)));
		const mean = grades.reduce((sum, g) => sum + g, 0) / grades.length;
		expect(mean).toBeLessThanOrEqual(8);
	});

	it('publishes every pictogram the activities use, and no unused library pictogram', () => {
		const used = new Set(
			active.flatMap((a) => [a.pictogram, ...a.kidSteps.map((s) => s.pictogram)])
		);
		for (const name of used) expect(library.pictograms.has(name)).toBe(true);
	});
});
