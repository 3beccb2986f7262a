import node from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readdirSync } from 'node:fs';
import { withSecurityHeaders } from './src/lib/server/adapter-security.js';

// Every activity page is prerendered too, so the build also works from a static host.
const activityPages = readdirSync('activities')
	.filter((name) => name.endsWith('.md') && name !== 'README.md')
	.map((name) => /** @type {`/${string}`} */ (`/library/${name.slice(0, -3)}`));

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		version: { name: process.env.npm_package_version ?? '0.0.0' },
		adapter: withSecurityHeaders(node({ out: 'build', precompress: true })),
		serviceWorker: { register: false },
		// Absolute asset paths: the offline fallback serves the `/` shell at any depth of URL.
		paths: { relative: false },
		prerender: { entries: ['*', ...activityPages] },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'blob:', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'media-src': ['self', 'blob:', 'data:'],
				'manifest-src': ['self'],
				'worker-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
