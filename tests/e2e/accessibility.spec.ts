import { expect, test } from '@playwright/test';
import { chooseRole, expectNoAxeViolations } from './helpers';

const themes = ['light', 'dark'] as const;

for (const theme of themes) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });

		test('the first-run screen has no axe violations', async ({ page }) => {
			await page.goto('/');
			await expect(page.getByRole('heading', { name: 'Welcome to Homeplay' })).toBeVisible();
			await expectNoAxeViolations(page, `welcome (${theme})`);
		});

		test('every family screen has no axe violations', async ({ page }) => {
			await chooseRole(page, 'family');
			for (const path of ['/', '/today', '/settings', '/about', '/kid']) {
				await page.goto(path);
				await expect(page.locator('h1')).toHaveCount(1);
				await page.waitForLoadState('networkidle');
				await expectNoAxeViolations(page, `${path} (${theme})`);
			}
		});

		test('the therapist screens have no axe violations', async ({ page }) => {
			await chooseRole(page, 'therapist');
			await expect(page).toHaveURL(/\/therapist$/);
			await expect(page.getByRole('heading', { name: 'Programs', level: 1 })).toBeVisible();
			await expectNoAxeViolations(page, `/therapist (${theme})`);
		});
	});
}

test('touch targets in the navigation are at least 44 px', async ({ page }) => {
	await chooseRole(page, 'family');
	const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
	const count = await links.count();
	for (let i = 0; i < count; i++) {
		const box = await links.nth(i).boundingBox();
		if (!box || box.width === 0) continue; // the brand link is hidden on phones
		expect(box.height).toBeGreaterThanOrEqual(44);
		expect(box.width).toBeGreaterThanOrEqual(44);
	}
});
