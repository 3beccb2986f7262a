import { locale } from '$lib/state/locale.svelte';
import { format, pluralKey, sourceMessages, type MessageKey, type MessageParams } from './catalog';

export type { MessageKey } from './catalog';

/** The UI text for `key` in the current language; reactive in components. */
export function t(key: MessageKey, params?: MessageParams): string {
	return format(locale.messages[key] ?? sourceMessages[key], params);
}

type PluralBase = MessageKey extends infer K
	? K extends `${infer Base}.other`
		? Base
		: never
	: never;

/** Plural-aware text: `tn('library.count', 3)` uses `library.count.one` / `.other`. */
export function tn(base: PluralBase, count: number, params?: MessageParams): string {
	const key = pluralKey(base, count, locale.current) as MessageKey;
	const template =
		locale.messages[key] ?? sourceMessages[key] ?? sourceMessages[`${base}.other` as MessageKey];
	return format(template, { count, ...params });
}
