import type { IndexEntry } from './library-types.ts';
import {
	AGE_BANDS,
	GOAL_AREAS,
	SETTINGS,
	type AgeBand,
	type GoalArea,
	type Setting
} from './taxonomy.ts';

/**
 * Browsing the activity library: chips narrow by goal area, age band and setting (any of the
 * chosen values within one kind, all kinds together), and free text matches title, summary and
 * materials by word prefix, ignoring case, accents and a plural "s".
 */
export interface LibraryQuery {
	text?: string;
	goalAreas?: readonly GoalArea[];
	ageBands?: readonly AgeBand[];
	settings?: readonly Setting[];
	includeRetired?: boolean;
}

interface Prepared {
	entry: IndexEntry;
	titleWords: string[];
	otherWords: string[];
}

/** Lowercase, accents removed, split into words. */
export function words(text: string): string[] {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

const singular = (word: string) =>
	word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;

const prepared = new WeakMap<IndexEntry, Prepared>();
function prepare(entry: IndexEntry): Prepared {
	let row = prepared.get(entry);
	if (!row) {
		row = {
			entry,
			titleWords: words(entry.title),
			otherWords: words(`${entry.summary} ${entry.materials}`)
		};
		prepared.set(entry, row);
	}
	return row;
}

const matchesWord = (haystack: string[], term: string) =>
	haystack.some((word) => word.startsWith(term));

const anyOf = <T>(chosen: readonly T[] | undefined, values: readonly T[]) =>
	!chosen?.length || chosen.some((value) => values.includes(value));

/**
 * The entries that match, best first: entries whose title holds every term come before those
 * that match elsewhere; otherwise the index's order is kept.
 */
export function searchLibrary(index: readonly IndexEntry[], query: LibraryQuery): IndexEntry[] {
	const terms = words(query.text ?? '').map(singular);
	const inTitle: IndexEntry[] = [];
	const elsewhere: IndexEntry[] = [];
	for (const entry of index) {
		if (entry.retired && !query.includeRetired) continue;
		if (!anyOf(query.goalAreas, entry.goalAreas)) continue;
		if (!anyOf(query.ageBands, entry.ageBands)) continue;
		if (!anyOf(query.settings, entry.settings)) continue;
		if (terms.length === 0) {
			inTitle.push(entry);
			continue;
		}
		const row = prepare(entry);
		if (terms.every((term) => matchesWord(row.titleWords, term))) inTitle.push(entry);
		else if (
			terms.every((term) => matchesWord(row.titleWords, term) || matchesWord(row.otherWords, term))
		)
			elsewhere.push(entry);
	}
	return [...inTitle, ...elsewhere];
}

/** Counts of active activities per goal area × age band, for the therapist's coverage grid. */
export function coverage(index: readonly IndexEntry[]): Map<`${GoalArea}|${AgeBand}`, number> {
	const counts = new Map<`${GoalArea}|${AgeBand}`, number>();
	for (const entry of index) {
		if (entry.retired) continue;
		for (const goal of entry.goalAreas)
			for (const band of entry.ageBands)
				counts.set(`${goal}|${band}`, (counts.get(`${goal}|${band}`) ?? 0) + 1);
	}
	return counts;
}

/** The query as URL parameters (`?q=…&goal=…&age=…&setting=…`), so a filtered list can be linked. */
export function queryToParams(query: LibraryQuery): URLSearchParams {
	const params = new URLSearchParams();
	if (query.text?.trim()) params.set('q', query.text.trim());
	for (const goal of query.goalAreas ?? []) params.append('goal', goal);
	for (const band of query.ageBands ?? []) params.append('age', band);
	for (const setting of query.settings ?? []) params.append('setting', setting);
	return params;
}

/** Reads a query back from URL parameters, dropping values that are not in the vocabularies. */
export function queryFromParams(params: URLSearchParams): LibraryQuery {
	const known = <T extends string>(values: readonly T[], key: string) =>
		params.getAll(key).filter((value): value is T => (values as readonly string[]).includes(value));
	return {
		text: params.get('q') ?? '',
		goalAreas: known(GOAL_AREAS, 'goal'),
		ageBands: known(AGE_BANDS, 'age'),
		settings: known(SETTINGS, 'setting')
	};
}
