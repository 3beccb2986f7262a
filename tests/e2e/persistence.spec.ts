import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './browser';

test('what the family saves survives a reload and a browser restart', async ({ baseURL }) => {
	const profile = mkdtempSync(join(tmpdir(), 'homeplay-profile-'));
	try {
		const first = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
		const page = first.pages()[0] ?? (await first.newPage());
		await page.goto(`${baseURL}/`);
		await page.getByRole('button', { name: /A parent or caregiver/ }).click();
		await page.goto(`${baseURL}/settings`);
		await page.getByRole('radio', { name: 'Dark' }).check();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

		await page.reload();
		await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
		await first.close();

		const second = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
		const again = second.pages()[0] ?? (await second.newPage());
		await again.goto(`${baseURL}/`);
		await expect(
			again.getByRole('heading', { name: 'Open the link your therapist sent you' })
		).toBeVisible();
		await expect(again.locator('html')).toHaveAttribute('data-theme', 'dark');
		const rows = await again.evaluate(
			() =>
				new Promise<number>((resolve, reject) => {
					const open = indexedDB.open('homeplay');
					open.onsuccess = () => {
						const count = open.result.transaction('settings').objectStore('settings').count();
						count.onsuccess = () => resolve(count.result);
						count.onerror = () => reject(count.error);
					};
					open.onerror = () => reject(open.error);
				})
		);
		expect(rows).toBe(2);
		await second.close();
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});

test('Settings shows the storage used and whether it is persistent', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: /A parent or caregiver/ }).click();
	await page.goto('/settings');
	await expect(page.getByTestId('storage-used')).toContainText(/Homeplay uses [\d.,]+ \w+ of/);
	await expect(page.getByTestId('storage-persistent')).toContainText(/protected/i);
	const persisted = await page.evaluate(() => navigator.storage.persisted());
	await expect(page.getByTestId('storage-persistent')).toContainText(
		persisted ? 'Protected:' : 'Not yet protected'
	);
});
