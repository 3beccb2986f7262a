import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Wraps adapter-node so that `node build` sends our security headers on every response,
 * including the prerendered pages and static files that adapter-node serves without hooks.
 * @param {import('@sveltejs/kit').Adapter} adapter
 * @param {string} [out]
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withSecurityHeaders(adapter, out = 'build') {
	return {
		...adapter,
		name: `${adapter.name}+security-headers`,
		async adapt(builder) {
			await adapter.adapt(builder);
			copyFileSync(
				fileURLToPath(new URL('./security-headers.js', import.meta.url)),
				`${out}/security-headers.js`
			);
			const entry = `${out}/index.js`;
			const source = readFileSync(entry, 'utf8');
			const hook = '.use(handler)';
			if (!source.includes(hook)) {
				throw new Error(`${entry}: adapter-node changed; cannot install the security headers`);
			}
			writeFileSync(
				entry,
				"import { securityHeaders } from './security-headers.js';\n" +
					source.replace(
						hook,
						".use(securityHeaders(new URL('./prerendered', import.meta.url)), handler)"
					)
			);
			builder.log.minor('Installed security headers in the Node server');
		}
	};
}
