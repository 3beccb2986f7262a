import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseLibrary } from './parse-activity.ts';
import { toIndexEntry, type LibraryIndex } from './library-types.ts';
import type { Activity } from './activity-schema.ts';

/**
 * Build-time side of the library: reads `activities/*.md`, validates them and prepares the
 * files the app fetches (index, one detail file per activity, the pictograms in use).
 * Runs in Node only (Vite plugin, bench, tests).
 */

interface IconSet {
	icons: Record<string, { body: string; width?: number; height?: number }>;
	width?: number;
	height?: number;
}

let iconSet: IconSet | undefined;
function loadIconSet(): IconSet {
	iconSet ??= JSON.parse(
		readFileSync(join(process.cwd(), 'node_modules/@iconify-json/openmoji/icons.json'), 'utf8')
	) as IconSet;
	return iconSet;
}

export function knownPictograms(): Set<string> {
	return new Set(Object.keys(loadIconSet().icons));
}

export function pictogramSvg(name: string): string {
	const set = loadIconSet();
	const icon = set.icons[name];
	if (!icon) throw new Error(`unknown pictogram "${name}"`);
	const width = icon.width ?? set.width ?? 72;
	const height = icon.height ?? set.height ?? 72;
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}">${icon.body}</svg>`;
}

export function readActivityFiles(dir: string) {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.md') && name !== 'README.md')
		.sort()
		.map((name) => ({ file: `activities/${name}`, source: readFileSync(join(dir, name), 'utf8') }));
}

export interface BuiltLibrary {
	activities: Activity[];
	index: LibraryIndex;
	pictograms: Set<string>;
}

/** Loads and validates the whole library; throws ActivityFileError on the first broken file. */
export function buildLibrary(dir: string, extraPictograms: readonly string[] = []): BuiltLibrary {
	const activities = parseLibrary(readActivityFiles(dir), knownPictograms());
	const pictograms = new Set(extraPictograms);
	for (const activity of activities) {
		pictograms.add(activity.pictogram);
		for (const step of activity.kidSteps) pictograms.add(step.pictogram);
	}
	return { activities, index: activities.map(toIndexEntry), pictograms };
}
