import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * Chromium to test with: $CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own
 * downloaded browser (on a laptop). The flags keep a headless Chromium from calling home.
 */
export function chromiumLaunchOptions(): LaunchOptions {
	const executablePath =
		process.env.CHROMIUM_PATH ||
		(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
	return {
		executablePath,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	};
}
