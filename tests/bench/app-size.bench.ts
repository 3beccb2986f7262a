import { existsSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { fileSizes, kb, report } from './measure';

const worker = 'build/client/service-worker.js';

/** The file on disk behind a precache URL. */
function precachedFile(url: string) {
	const page = url === '/' ? 'index' : url;
	return [`build/client/${url}`, `build/prerendered/${page}.html`].find(
		(path) => existsSync(path) && !path.endsWith('/')
	);
}

it('precache size', () => {
	if (!existsSync(worker)) throw new Error('Run `npm run build` before `npm run bench`.');
	const urls = [...readFileSync(worker, 'utf8').matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
	let raw = 0;
	let gzip = 0;
	const missing: string[] = [];
	const byKind = new Map<string, { files: number; raw: number; gzip: number }>();
	for (const url of urls) {
		const path = precachedFile(url);
		if (!path) {
			missing.push(url);
			continue;
		}
		const size = fileSizes(path);
		raw += size.raw;
		gzip += size.gzip;
		const kind = /\.(\w+)$/.exec(path)?.[1] ?? 'other';
		const row = byKind.get(kind) ?? { files: 0, raw: 0, gzip: 0 };
		byKind.set(kind, { files: row.files + 1, raw: row.raw + size.raw, gzip: row.gzip + size.gzip });
	}
	if (missing.length) throw new Error(`precache names files that are not built: ${missing}`);
	const worker_ = fileSizes(worker);
	report('Precache (what the service worker stores for offline use)', [
		...[...byKind].map(([kind, row]) => ({
			kind,
			files: row.files,
			raw: kb(row.raw),
			gzip: kb(row.gzip)
		})),
		{ kind: 'total', files: urls.length, raw: kb(raw), gzip: kb(gzip) },
		{ kind: 'service-worker.js', files: 1, raw: kb(worker_.raw), gzip: kb(worker_.gzip) }
	]);
});
