import { it } from 'vitest';
import { buildLibrary } from '$lib/content/build-library';
import { gradeLevel } from '$lib/content/readability';
import { searchLibrary } from '$lib/content/search';
import { kb, medianMs, report, sizes } from './measure';

it('activity library: index size, search time, reading level', async () => {
	const library = buildLibrary('activities');
	const index = library.index;
	const indexSize = sizes(JSON.stringify(index));
	const details = library.activities.map((a) => sizes(JSON.stringify(a)));
	report('Activity library', [
		{ figure: 'activities', value: library.activities.length },
		{ figure: 'pictograms shipped', value: library.pictograms.size },
		{ figure: 'index.json raw', value: kb(indexSize.raw) },
		{ figure: 'index.json gzip (budget 40 KB)', value: kb(indexSize.gzip) },
		{
			figure: 'detail files gzip (sum)',
			value: kb(details.reduce((sum, d) => sum + d.gzip, 0))
		}
	]);

	// Typing "bead threading" one key at a time, with and without chips, cold caches each run.
	const typed = 'bead threading';
	const keystrokes = [...typed].map((_, i) => typed.slice(0, i + 1));
	const perKeystroke = async (chips: Parameters<typeof searchLibrary>[1]) => {
		const total = await medianMs(() => {
			const fresh = index.map((entry) => ({ ...entry }));
			for (const text of keystrokes) searchLibrary(fresh, { ...chips, text });
		});
		return total / keystrokes.length;
	};
	report('Search and filter over the whole library (target ≤ 16 ms per keystroke)', [
		{ case: 'text only', 'ms per keystroke': (await perKeystroke({})).toFixed(3) },
		{
			case: 'text + goal area + age band',
			'ms per keystroke': (
				await perKeystroke({ goalAreas: ['fine-motor'], ageBands: ['3-5'] })
			).toFixed(3)
		},
		{
			case: 'chips only (no text)',
			'ms per keystroke': (
				await medianMs(() =>
					searchLibrary(index, { goalAreas: ['feeding', 'self-care'], ageBands: ['0-3'] })
				)
			).toFixed(3)
		}
	]);

	const grades = library.activities.map((a) =>
		gradeLevel([a.summary, ...a.steps, a.why, ...a.easier, ...a.harder, ...a.safety])
	);
	report('Caregiver text reading level (Flesch–Kincaid grade)', [
		{
			mean: (grades.reduce((s, g) => s + g, 0) / grades.length).toFixed(1),
			min: Math.min(...grades).toFixed(1),
			max: Math.max(...grades).toFixed(1)
		}
	]);
});
