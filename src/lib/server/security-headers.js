// Runs inside the built server (copied next to build/index.js), so it is plain JavaScript.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Applies to everything that is not a page: scripts, styles, the service worker, the API. */
const FALLBACK_POLICY =
	"default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

const COMMON_HEADERS = {
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Resource-Policy': 'same-origin',
	// Only what Homeplay uses: keeping the screen awake during practice, copying a link, full
	// screen for kid mode. Sharing (Web Share) is same-origin by default.
	'Permissions-Policy':
		'screen-wake-lock=(self), clipboard-write=(self), fullscreen=(self), ' +
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), ' +
		'midi=(), accelerometer=(), gyroscope=(), magnetometer=(), display-capture=()'
};

/**
 * A prerendered page carries its CSP (with script hashes) as a <meta> tag, which cannot express
 * frame-ancestors; the header repeats that policy and adds it, so both agree on every page.
 * @param {string} dir
 * @returns {Map<string, string>}
 */
export function readPagePolicies(dir) {
	/** @type {Map<string, string>} */
	const policies = new Map();
	/** @param {string} folder */
	const walk = (folder) => {
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name.endsWith('.html')) {
				const html = readFileSync(path, 'utf8');
				const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html);
				if (!meta) continue;
				let policy = meta[1]
					.replace(/&#39;/g, "'")
					.replace(/&quot;/g, '"')
					.trim();
				if (!/frame-ancestors/.test(policy)) policy += "; frame-ancestors 'none'";
				const route =
					'/' +
					relative(dir, path)
						.replace(/\.html$/, '')
						.replace(/(^|\/)index$/, '');
				policies.set(route.replace(/\/$/, '') || '/', policy);
			}
		}
	};
	try {
		walk(dir);
	} catch {
		// No prerendered pages (e.g. a dev build): every response gets the fallback policy.
	}
	return policies;
}

/**
 * Polka/Connect middleware that sets the security headers on every response.
 * @param {URL | string} prerenderedDir
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void}
 */
export function securityHeaders(prerenderedDir) {
	const dir = typeof prerenderedDir === 'string' ? prerenderedDir : fileURLToPath(prerenderedDir);
	const policies = readPagePolicies(dir);
	return (req, res, next) => {
		for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
		const pathname = decodeURI((req.url ?? '/').split(/[?#]/)[0]).replace(/\/$/, '') || '/';
		res.setHeader('Content-Security-Policy', policies.get(pathname) ?? FALLBACK_POLICY);
		// Pictures named for what they show never change under the same name: let browsers keep
		// them (the service worker caches them too, by revision).
		if (
			/^\/(pictograms\/[a-z0-9-]+\.svg|icons\/[a-z0-9-]+\.png|favicon[a-z0-9-]*\.(svg|png))$/.test(
				pathname
			)
		)
			res.setHeader('Cache-Control', 'public, max-age=604800');
		next();
	};
}
