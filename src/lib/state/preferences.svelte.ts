import * as settings from '$lib/db/settings';
import { pickLocale } from '$lib/i18n/catalog';
import { locale } from './locale.svelte';

export type Role = 'therapist' | 'family' | 'kid';
export type Theme = 'system' | 'light' | 'dark';

/** Who uses this device and how they like it; kept in the settings table. */
class Preferences {
	loaded = $state(false);
	role = $state<Role | undefined>(undefined);
	theme = $state<Theme>('system');
	/** Set when the database cannot be opened (private mode, storage disabled). */
	error = $state<string | undefined>(undefined);

	async load() {
		try {
			const stored = await settings.list();
			this.role = stored.role as Role | undefined;
			this.theme = (stored.theme as Theme | undefined) ?? 'system';
			const language = (stored.locale as string | undefined) ?? pickLocale(navigator.languages);
			await locale.set(language);
		} catch (error) {
			this.error = (error as Error).message;
		}
		this.applyTheme();
		this.loaded = true;
	}

	async setRole(role: Role) {
		this.role = role;
		await settings.put('role', role);
	}

	async setTheme(theme: Theme) {
		this.theme = theme;
		this.applyTheme();
		await settings.put('theme', theme);
	}

	private applyTheme() {
		const root = document.documentElement;
		if (this.theme === 'system') delete root.dataset.theme;
		else root.dataset.theme = this.theme;
	}
}

export const preferences = new Preferences();
