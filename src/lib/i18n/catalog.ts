import en from './messages/en.json';

/**
 * The message catalog. English (`messages/en.json`) is the source and the fallback; every other
 * `messages/<locale>.json` found here is a language the app offers, with no code change.
 */
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

export const SOURCE_LOCALE = 'en';
export const sourceMessages: Messages = en;

const loaders = import.meta.glob<{ default: Partial<Messages> }>([
	'./messages/*.json',
	'!./messages/en.json'
]);

export const availableLocales: string[] = [
	SOURCE_LOCALE,
	...Object.keys(loaders).map((path) => path.replace(/^.*\/(.+)\.json$/, '$1'))
].sort();

/** A locale's messages, falling back to English for any key it lacks. */
export async function loadMessages(locale: string): Promise<Messages> {
	const loader = loaders[`./messages/${locale}.json`];
	if (!loader) return sourceMessages;
	return { ...sourceMessages, ...(await loader()).default };
}

/** The best offered locale for a list like navigator.languages. */
export function pickLocale(preferred: readonly string[], offered = availableLocales): string {
	for (const tag of preferred) {
		const lower = tag.toLowerCase();
		const exact = offered.find((l) => l.toLowerCase() === lower);
		if (exact) return exact;
		const base = offered.find((l) => l.toLowerCase() === lower.split('-')[0]);
		if (base) return base;
	}
	return SOURCE_LOCALE;
}

/** Fills `{name}` placeholders; a missing parameter stays visible rather than vanishing. */
export function format(template: string, params?: MessageParams): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/**
 * Picks the plural form: a key `x` has variants `x.one`, `x.other` (and any other
 * Intl.PluralRules category the language needs).
 */
export function pluralKey(base: string, count: number, locale: string): string {
	return `${base}.${new Intl.PluralRules(locale).select(count)}`;
}
