import { expect, test } from '@playwright/test';
import { appendFileSync, rmSync } from 'node:fs';
import { Deployment } from './deployment';
import { waitForServiceWorker } from './helpers';

test('a waiting new version shows the reload prompt and only reloads when asked', async ({
	page
}, testInfo) => {
	const deployment = new Deployment(4300 + testInfo.workerIndex);
	try {
		await deployment.start();
		await page.goto(`${deployment.url}/`);
		await page.getByRole('button', { name: /A parent or caregiver/ }).click();
		await waitForServiceWorker(page);
		await expect(page.getByText('A new version of Homeplay is ready.')).toHaveCount(0);

		// A new release: the service worker changes on the server.
		await deployment.stop();
		const worker = deployment.path('client', 'service-worker.js');
		appendFileSync(worker, `\n// next release ${Date.now()}\n`);
		rmSync(`${worker}.br`, { force: true });
		rmSync(`${worker}.gz`, { force: true });
		await deployment.start();

		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
		});

		const prompt = page
			.getByRole('status')
			.filter({ hasText: 'A new version of Homeplay is ready.' });
		await expect(prompt).toBeVisible();

		// Nothing happens by itself: the page keeps its state until the person decides.
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
		await page.waitForTimeout(1000);
		expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);

		await Promise.all([
			page.waitForEvent('load'),
			prompt.getByRole('button', { name: 'Reload' }).click()
		]);
		expect(
			await page.evaluate(() => (window as unknown as { marker?: number }).marker)
		).toBeUndefined();
		await expect(page.getByText('A new version of Homeplay is ready.')).toHaveCount(0);
	} finally {
		await deployment.dispose();
	}
});
