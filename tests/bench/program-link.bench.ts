import { it } from 'vitest';
import { decodeProgram, programLink } from '$lib/link/program-link';
import { sampleProgram } from '../unit/fixtures/programs';
import { medianMs, report } from './measure';

const ORIGIN = 'https://homeplay.example';

it('program link: length and encode/decode time', async () => {
	const rows = [];
	for (const [libraryItems, customItems, noteLength] of [
		[4, 0, 30],
		[8, 0, 30],
		[12, 0, 30],
		[20, 0, 30],
		[12, 3, 200]
	]) {
		const doc = sampleProgram({ libraryItems, customItems, noteLength });
		const link = await programLink(ORIGIN, doc);
		const payload = link.split('#')[1];
		rows.push({
			program: `${libraryItems} library + ${customItems} custom, ${noteLength}-char notes`,
			'URL chars': link.length,
			'encode ms': (await medianMs(() => programLink(ORIGIN, doc))).toFixed(2),
			'decode ms': (await medianMs(() => decodeProgram(payload))).toFixed(2)
		});
	}
	report(
		`Program link (${ORIGIN}/p#…; budgets: 8 library ≤ 600 chars, 12 + 3 custom with 200-char notes ≤ 2,000)`,
		rows
	);
});
