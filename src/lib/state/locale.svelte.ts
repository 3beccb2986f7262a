import { loadMessages, SOURCE_LOCALE, sourceMessages, type Messages } from '$lib/i18n/catalog';

/** The UI language and its loaded messages. */
class LocaleState {
	current = $state(SOURCE_LOCALE);
	messages = $state<Messages>(sourceMessages);

	async set(locale: string) {
		this.messages = await loadMessages(locale);
		this.current = locale;
		if (typeof document !== 'undefined') document.documentElement.lang = locale;
	}
}

export const locale = new LocaleState();
