import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildLibrary, pictogramSvg, type BuiltLibrary } from './build-library.ts';
import { UI_PICTOGRAMS } from './ui-pictograms.ts';

/**
 * Validates `activities/` at build time (a broken file fails the build, naming file and field)
 * and publishes `/activities/index.json`, `/activities/<id>.json` and `/pictograms/<name>.svg`
 * for exactly the pictograms in use, so the service worker can precache the whole library.
 */
export function activityLibrary(dir = resolve('activities')): Plugin {
	let library: BuiltLibrary;
	const load = () => (library = buildLibrary(dir, UI_PICTOGRAMS));
	const files = () => {
		const out = new Map<string, string>();
		out.set('activities/index.json', JSON.stringify(library.index));
		out.set('pictograms/index.json', JSON.stringify([...library.pictograms].sort()));
		for (const activity of library.activities)
			out.set(`activities/${activity.id}.json`, JSON.stringify(activity));
		for (const name of library.pictograms) out.set(`pictograms/${name}.svg`, pictogramSvg(name));
		return out;
	};
	return {
		name: 'homeplay-activity-library',
		// Validating here, before any build starts, keeps the error in front: a failure inside a
		// build would be hidden behind the PWA plugin's own complaint about a missing worker.
		configResolved() {
			load();
		},
		buildStart() {
			this.addWatchFile(dir);
		},
		generateBundle() {
			if (this.environment?.config.consumer === 'server') return;
			for (const [fileName, source] of files()) this.emitFile({ type: 'asset', fileName, source });
		},
		configureServer(server) {
			server.watcher.add(dir);
			server.middlewares.use((req, res, next) => {
				const path = req.url?.split('?')[0].slice(1) ?? '';
				if (!/^(activities|pictograms)\//.test(path)) return next();

				try {
					const body = files().get(path);
					if (body === undefined) return next();
					res.setHeader(
						'Content-Type',
						path.endsWith('.svg') ? 'image/svg+xml' : 'application/json'
					);
					res.end(body);
				} catch (error) {
					next(error);
				}
			});
			server.watcher.on('change', (file) => {
				if (file.startsWith(dir)) load();
			});
		}
	};
}
