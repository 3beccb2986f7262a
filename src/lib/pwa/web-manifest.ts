import type { ManifestOptions } from 'vite-plugin-pwa';

export const THEME_COLOR = '#1f6f5c';
export const BACKGROUND_COLOR = '#fbf8f3';

/** The web app manifest: what makes Homeplay installable on a phone's home screen. */
export const webManifest: Partial<ManifestOptions> = {
	id: '/',
	name: 'Homeplay',
	short_name: 'Homeplay',
	description:
		"Your child's home therapy program, day by day: what to practise today, one-tap check-ins and picture schedules. Works offline; your data stays on your device.",
	lang: 'en',
	start_url: '/',
	scope: '/',
	display: 'standalone',
	orientation: 'any',
	theme_color: THEME_COLOR,
	background_color: BACKGROUND_COLOR,
	categories: ['health', 'kids', 'lifestyle'],
	icons: [
		{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
		{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
		{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
	],
	screenshots: [
		{
			src: '/screenshots/today.png',
			sizes: '390x780',
			type: 'image/png',
			form_factor: 'narrow',
			label: "Today's practice: one tap for Done, Partly or Not today"
		},
		{
			src: '/screenshots/kid.png',
			sizes: '390x780',
			type: 'image/png',
			form_factor: 'narrow',
			label: 'Kid mode: picture steps to follow alone'
		},
		{
			src: '/screenshots/builder.png',
			sizes: '390x780',
			type: 'image/png',
			form_factor: 'narrow',
			label: 'The therapist builds a program and shares one link'
		}
	],
	shortcuts: [
		{
			name: 'Today',
			short_name: 'Today',
			description: "Today's practice",
			url: '/today',
			icons: [{ src: '/icons/shortcut-today-96.png', sizes: '96x96', type: 'image/png' }]
		},
		{
			name: 'Kid mode',
			short_name: 'Kid mode',
			description: 'Picture schedule for your child',
			url: '/kid',
			icons: [{ src: '/icons/shortcut-kid-96.png', sizes: '96x96', type: 'image/png' }]
		}
	]
};
