import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '$lib/content/library-types';
import {
	coverage,
	queryFromParams,
	queryToParams,
	searchLibrary,
	words
} from '$lib/content/search';

const entry = (id: string, over: Partial<IndexEntry> = {}): IndexEntry => ({
	id,
	title: id.replace(/-/g, ' '),
	summary: 'An everyday activity.',
	goalAreas: ['fine-motor'],
	ageBands: ['3-5'],
	settings: ['home'],
	pictogram: 'star',
	materials: '',
	...over
});

const index: IndexEntry[] = [
	entry('bead-threading', { materials: 'large beads; a shoelace', ageBands: ['3-5', '6-9'] }),
	entry('animal-walks', {
		goalAreas: ['gross-motor'],
		ageBands: ['3-5', '6-9'],
		settings: ['home', 'outdoors']
	}),
	entry('crème-brûlée-painting', { goalAreas: ['sensory-processing'], ageBands: ['0-3'] }),
	entry('necklace-making', {
		summary: 'Thread a necklace with beads.',
		goalAreas: ['fine-motor', 'social-play'],
		ageBands: ['6-9']
	}),
	entry('old-idea', { retired: true })
];
const ids = (list: IndexEntry[]) => list.map((e) => e.id);

describe('searchLibrary', () => {
	it('returns every active activity for an empty query, never a retired one', () => {
		expect(ids(searchLibrary(index, {}))).toEqual([
			'bead-threading',
			'animal-walks',
			'crème-brûlée-painting',
			'necklace-making'
		]);
		expect(ids(searchLibrary(index, { includeRetired: true }))).toContain('old-idea');
	});

	it('combines chips: any goal area chosen, and any age band chosen, and both kinds together', () => {
		expect(ids(searchLibrary(index, { goalAreas: ['fine-motor'], ageBands: ['3-5'] }))).toEqual([
			'bead-threading'
		]);
		expect(
			ids(searchLibrary(index, { goalAreas: ['fine-motor', 'gross-motor'], ageBands: ['6-9'] }))
		).toEqual(['bead-threading', 'animal-walks', 'necklace-making']);
		expect(ids(searchLibrary(index, { settings: ['outdoors'] }))).toEqual(['animal-walks']);
	});

	it('finds by title, summary and materials, plural or not, title matches first', () => {
		expect(ids(searchLibrary(index, { text: 'beads' }))).toEqual([
			'bead-threading',
			'necklace-making'
		]);
		expect(ids(searchLibrary(index, { text: 'Necklace' }))).toEqual(['necklace-making']);
		expect(ids(searchLibrary(index, { text: 'shoelace' }))).toEqual(['bead-threading']);
	});

	it('matches word prefixes as one types, every word required', () => {
		expect(ids(searchLibrary(index, { text: 'ani' }))).toEqual(['animal-walks']);
		expect(ids(searchLibrary(index, { text: 'animal beads' }))).toEqual([]);
		expect(ids(searchLibrary(index, { text: 'nimal' }))).toEqual([]);
	});

	it('ignores case and accents', () => {
		expect(ids(searchLibrary(index, { text: 'CREME brulee' }))).toEqual(['crème-brûlée-painting']);
		expect(words('Crème  Brûlée!')).toEqual(['creme', 'brulee']);
	});

	it('text and chips narrow together', () => {
		expect(ids(searchLibrary(index, { text: 'beads', ageBands: ['3-5'] }))).toEqual([
			'bead-threading'
		]);
	});
});

describe('coverage', () => {
	it('counts active activities per goal area × age band', () => {
		const counts = coverage(index);
		expect(counts.get('fine-motor|3-5')).toBe(1);
		expect(counts.get('fine-motor|6-9')).toBe(2);
		expect(counts.get('social-play|6-9')).toBe(1);
		expect(counts.get('feeding|0-3')).toBeUndefined();
	});
});

describe('query in the URL', () => {
	it('round-trips and drops unknown values', () => {
		const params = queryToParams({
			text: ' beads ',
			goalAreas: ['fine-motor', 'feeding'],
			ageBands: ['3-5']
		});
		expect(params.toString()).toBe('q=beads&goal=fine-motor&goal=feeding&age=3-5');
		expect(queryFromParams(params)).toEqual({
			text: 'beads',
			goalAreas: ['fine-motor', 'feeding'],
			ageBands: ['3-5'],
			settings: []
		});
		expect(
			queryFromParams(new URLSearchParams('goal=cooking&age=99&setting=car')).settings
		).toEqual(['car']);
	});
});
