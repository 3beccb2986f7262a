import { test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileSizes, kb, report } from '../measure';

test('JavaScript the first screen loads', async ({ page }) => {
	const scripts = new Set<string>();
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
	});
	await page.goto('/');
	await page.getByRole('heading', { name: 'Welcome to Homeplay' }).waitFor();
	await page.waitForLoadState('networkidle');

	let raw = 0;
	let gzip = 0;
	for (const path of scripts) {
		const file = `build/client${path}`;
		if (!existsSync(file)) throw new Error(`${path} is not a built file`);
		const size = fileSizes(file);
		raw += size.raw;
		gzip += size.gzip;
	}
	report('First screen (/) JavaScript, budget 90 KB gzip', [
		{ files: scripts.size, raw: kb(raw), gzip: kb(gzip), budget: '90 KB gzip' }
	]);
});
