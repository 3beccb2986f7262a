import { expect, test, type Page } from '@playwright/test';
import { chooseRole, expectNoAxeViolations } from './helpers';
import { addProgram, everyDayProgram } from './support/family';

const themes = ['light', 'dark'] as const;

/** Family screens, with a program added so they show real content, not only empty states. */
const FAMILY_SCREENS: [string, RegExp | string][] = [
	['/', 'Home'],
	['/today', 'Today'],
	['/week', 'Week'],
	['/practice', 'Practice'],
	['/progress', 'Progress'],
	['/progress/report', 'Progress report'],
	['/journal', 'Journal'],
	['/journal/entry', 'New journal entry'],
	['/library', 'Activity library'],
	['/library/bead-threading', 'Bead threading'],
	['/settings', 'Settings'],
	['/settings/kid', 'Kid mode'],
	['/settings/backup', 'Backup and restore'],
	['/about', 'About Homeplay']
];

const THERAPIST_SCREENS: [string, string][] = [
	['/therapist', 'Programs'],
	['/therapist/program', 'New home program'],
	['/therapist/coverage', 'Library coverage']
];

async function visit(page: Page, path: string, heading: RegExp | string) {
	await page.goto(path);
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	await expect(page.getByText('Loading…')).toHaveCount(0);
}

for (const theme of themes) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });

		test('the first-run screen has no axe violations', async ({ page }) => {
			await page.goto('/');
			await expect(page.getByRole('heading', { name: 'Welcome to Homeplay' })).toBeVisible();
			await expectNoAxeViolations(page, `welcome (${theme})`);
		});

		test('every family screen has no axe violations', async ({ page, baseURL }) => {
			test.setTimeout(90_000);
			await chooseRole(page, 'family');
			await addProgram(page, baseURL!, everyDayProgram());
			for (const [path, heading] of FAMILY_SCREENS) {
				await visit(page, path, heading);
				await expectNoAxeViolations(page, `${path} (${theme})`);
			}
		});

		test('the therapist screens have no axe violations', async ({ page }) => {
			await chooseRole(page, 'therapist');
			for (const [path, heading] of THERAPIST_SCREENS) {
				await visit(page, path, heading);
				await expectNoAxeViolations(page, `${path} (${theme})`);
			}
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

test.describe('at 400 % zoom (320 CSS px wide) content reflows without sideways scrolling', () => {
	test.use({ viewport: { width: 320, height: 640 } });

	test('main screens fit the width', async ({ page, baseURL }) => {
		test.setTimeout(60_000);
		await chooseRole(page, 'family');
		await addProgram(page, baseURL!, everyDayProgram());
		for (const [path, heading] of FAMILY_SCREENS) {
			await visit(page, path, heading);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, path).toBeLessThanOrEqual(1);
		}
	});
});

test('motion is reduced when the person asks for it', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await chooseRole(page, 'family');
	const duration = await page.evaluate(() => {
		const probe = document.createElement('div');
		probe.style.transition = 'opacity 2s';
		document.body.append(probe);
		return getComputedStyle(probe).transitionDuration;
	});
	expect(duration).toBe('1e-05s');
});
