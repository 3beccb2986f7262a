import { defineConfig } from '@playwright/test';
import base, { builtServer } from '../playwright.config';

/** `npm run bench`, part two: figures measured in Chromium against `node build`. */
export default defineConfig({
	...base,
	testDir: './browser',
	outputDir: '../../test-results/bench',
	workers: 1,
	fullyParallel: false,
	timeout: 300_000,
	reporter: [['line']],
	webServer: builtServer('../..')
});
