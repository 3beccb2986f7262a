import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/browser';

const PORT = Number(process.env.E2E_PORT ?? 4173);
/** Relative to the repository root, where the server runs. */
export const REQUEST_LOG = 'tests/.tmp/requests.log';

export default defineConfig({
	testDir: './e2e',
	outputDir: '../test-results',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 30_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		...devices['Pixel 7'],
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: chromiumLaunchOptions(),
		serviceWorkers: 'allow',
		trace: 'retain-on-failure'
	},
	webServer: builtServer('..')
});

/** `node build` on 127.0.0.1; `cwd` is the repository root, relative to the config file. */
export function builtServer(cwd: string) {
	return {
		command: 'node build',
		cwd,
		url: `http://127.0.0.1:${PORT}/`,
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			HOMEPLAY_DATA_DIR: 'tests/.tmp/data',
			VAPID_SUBJECT: 'mailto:tests@homeplay.invalid',
			// Reminder tests point push subscriptions at a local stand-in, never at a real push service.
			PUSH_HOST_ALLOWLIST: '127.0.0.1',
			// What the server receives is logged, so tests can show what never reaches it.
			REQUEST_LOG: REQUEST_LOG,
			NODE_OPTIONS: '--import ./tests/e2e/support/log-requests.js'
		},
		reuseExistingServer: false,
		stdout: 'pipe' as const
	};
}
