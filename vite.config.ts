import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { activityLibrary } from './src/lib/content/vite-plugin-activities.ts';
import { webManifest } from './src/lib/pwa/web-manifest.ts';

export default defineConfig({
	plugins: [
		activityLibrary(),
		sveltekit(),
		SvelteKitPWA({
			strategies: 'injectManifest',
			srcDir: 'src',
			filename: 'service-worker.ts',
			base: '/',
			scope: '/',
			injectRegister: false,
			manifest: webManifest,
			injectManifest: {
				globPatterns: [
					'client/**/*.{js,css,ico,png,svg,webp,woff2,webmanifest,json}',
					'prerendered/**/*.{html,json}'
				],
				// README and install-screen pictures: fetched when shown, not kept for offline use.
				// Activity pages open offline through the navigation fallback, like any other page.
				globIgnores: ['client/screenshots/**', 'prerendered/pages/library/**'],
				// The library index and the pictograms must be there offline, whatever their size.
				maximumFileSizeToCacheInBytes: 3 * 1024 * 1024
			},
			devOptions: { enabled: false }
		})
	],
	server: { port: 5173 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/unit/setup.ts']
	}
});
