import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import {
	availableLocales,
	format,
	loadMessages,
	pickLocale,
	pluralKey,
	sourceMessages
} from '$lib/i18n/catalog';
import { formatBytes } from '$lib/format/bytes';

describe('message catalog', () => {
	it('offers every messages/*.json file as a language, English first as the source', () => {
		const files = readdirSync('src/lib/i18n/messages').map((f) => f.replace('.json', ''));
		expect(availableLocales).toEqual(files.sort());
		expect(availableLocales).toContain('en');
	});

	it('every key used in the code exists in the English catalog', () => {
		const used = new Set<string>();
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				const path = `${dir}/${entry.name}`;
				if (entry.isDirectory()) walk(path);
				else if (/\.(svelte|ts)$/.test(entry.name)) {
					const source = readFileSync(path, 'utf8');
					for (const m of source.matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]);
					for (const m of source.matchAll(/\btn\(\s*'([\w.]+)'/g)) used.add(`${m[1]}.other`);
					for (const m of source.matchAll(/(?:label|hint|title|text): '([a-z][\w]*\.[\w.]+)'/g))
						used.add(m[1]);
				}
			}
		};
		walk('src');
		const missing = [...used].filter((key) => !(key in sourceMessages));
		expect(missing).toEqual([]);
		expect(used.size).toBeGreaterThan(20);
	});

	it('falls back to English for an unknown locale', async () => {
		expect(await loadMessages('xx')).toBe(sourceMessages);
	});

	it('picks the best offered locale', () => {
		expect(pickLocale(['de-AT', 'en-GB'], ['en', 'de'])).toBe('de');
		expect(pickLocale(['fr'], ['en', 'de'])).toBe('en');
		expect(pickLocale(['pt-BR'], ['en', 'pt-BR'])).toBe('pt-BR');
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(format('Hi {name}, {count} left', { name: 'Mia', count: 3 })).toBe('Hi Mia, 3 left');
		expect(format('Hi {name}', {})).toBe('Hi {name}');
	});

	it('chooses plural categories by language', () => {
		expect(pluralKey('x', 1, 'en')).toBe('x.one');
		expect(pluralKey('x', 2, 'en')).toBe('x.other');
	});
});

describe('formatBytes', () => {
	it('formats sizes people can read', () => {
		expect(formatBytes(512, 'en')).toBe('512 bytes');
		expect(formatBytes(1536, 'en')).toBe('1.5 KB');
		expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
		expect(formatBytes(300 * 1024 ** 3, 'en')).toBe('300 GB');
	});
});
