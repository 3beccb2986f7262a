import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/** Median wall time of `fn` in milliseconds over `runs` runs, after one warm-up run. */
export async function medianMs(fn: () => unknown, runs = 21): Promise<number> {
	await fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

export function sizes(bytes: Uint8Array | string) {
	const raw = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
	return { raw, gzip: gzipSync(bytes, { level: 9 }).byteLength };
}

export function fileSizes(path: string) {
	return sizes(readFileSync(path));
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints a titled table of figures so `npm run bench` reads as a report. */
export function report(title: string, rows: Record<string, string | number>[]) {
	console.log(`\n## ${title}`);
	console.table(rows);
}
