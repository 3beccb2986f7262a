/**
 * Flesch–Kincaid grade level of plain English text: a rough but standard yardstick for keeping
 * caregiver text at about school grade 6–8. Syllables are estimated from vowel groups.
 */
export function syllables(word: string): number {
	const w = word.toLowerCase().replace(/[^a-z]/g, '');
	if (!w) return 0;
	if (w.length <= 3) return 1;
	const trimmed = w.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
	return Math.max(1, trimmed.match(/[aeiouy]{1,2}/g)?.length ?? 1);
}

/** Grade level of one or more passages; each passage counts as at least one sentence. */
export function gradeLevel(passages: string[]): number {
	let sentences = 0;
	let words = 0;
	let syllableCount = 0;
	for (const passage of passages) {
		const found = passage.split(/[.!?:;]+(?:\s|$)/).filter((s) => /[a-z]/i.test(s));
		sentences += Math.max(1, found.length);
		for (const word of passage.match(/[A-Za-z][A-Za-z'’-]*/g) ?? []) {
			words++;
			syllableCount += syllables(word);
		}
	}
	if (words === 0) return 0;
	return 0.39 * (words / sentences) + 11.8 * (syllableCount / words) - 15.59;
}
