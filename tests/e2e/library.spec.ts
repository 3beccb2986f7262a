import { expect, test } from '@playwright/test';
import type { IndexEntry } from '../../src/lib/content/library-types';
import { chooseRole, expectNoAxeViolations, waitForServiceWorker } from './helpers';

test('Fine motor + 3–5 shows exactly the matching activities, and the chips combine', async ({
	page,
	request
}) => {
	const index = (await (await request.get('/activities/index.json')).json()) as IndexEntry[];
	const expected = index
		.filter((a) => !a.retired && a.goalAreas.includes('fine-motor') && a.ageBands.includes('3-5'))
		.map((a) => a.title)
		.sort();
	expect(expected.length).toBeGreaterThanOrEqual(3);

	const active = index.filter((a) => !a.retired).length;
	await chooseRole(page, 'family');
	await page.goto('/library');
	const results = page.locator('.results > li');
	// A page of 24 at a time; the count says how many there are in all.
	await expect(results).toHaveCount(24);
	await expect(page.getByText(`${active} activities`)).toBeVisible();
	await page.getByRole('button', { name: `Show more (24 of ${active} shown)` }).click();
	await expect(results).toHaveCount(Math.min(48, active));

	await page.getByRole('button', { name: 'Fine motor', exact: true }).click();
	await page.getByRole('button', { name: '3–5 years', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Fine motor', exact: true })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByRole('status').filter({ hasText: /activit/ })).toHaveText(
		`${expected.length} activities`
	);
	const more = page.getByRole('button', { name: /^Show more/ });
	while (await more.isVisible()) await more.click();
	const shown = (await results.locator('h2').allInnerTexts()).map((s) => s.trim()).sort();
	expect(shown).toEqual(expected);
	expect(page.url()).toContain('goal=fine-motor');
	expect(page.url()).toContain('age=3-5');

	await page.getByRole('button', { name: 'Clear filters' }).click();
	await expect(page.getByText(`${active} activities`)).toBeVisible();
	await expect(results).toHaveCount(24);
});

test('searching "beads" finds bead threading, and a search with no match says so', async ({
	page
}) => {
	await chooseRole(page, 'family');
	await page.goto('/library');
	const search = page.getByRole('searchbox', { name: 'Search activities' });
	await search.fill('beads');
	await expect(page.getByRole('link', { name: 'Bead threading' })).toBeVisible();
	await search.fill('zzqxj');
	await expect(page.getByRole('heading', { name: 'No activities match' })).toBeVisible();
	await expect(page.getByText('0 activities')).toBeVisible();
});

test('an activity page shows both views and opens offline; an unknown id says not found', async ({
	page,
	context
}) => {
	await chooseRole(page, 'family');
	await waitForServiceWorker(page);
	await page.goto('/library');
	await page.getByRole('searchbox', { name: 'Search activities' }).fill('beads');
	await page.getByRole('link', { name: 'Bead threading' }).click();
	await expect(page).toHaveURL(/\/library\/bead-threading$/);
	await expect(page.getByRole('heading', { name: 'Bead threading', level: 1 })).toBeVisible();

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Bead threading', level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'For the grown-up' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Why it helps' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Safety' })).toBeVisible();
	const kidSteps = page.getByRole('region', { name: 'Picture steps for your child' });
	await expect(kidSteps.getByRole('listitem')).toHaveCount(4);
	await expect(kidSteps.getByText('Pick up one bead.')).toBeVisible();
	await expect(page.getByText(/not medical advice/)).toBeVisible();
	await expect(page.locator('img[src="/pictograms/thread.svg"]').first()).toHaveJSProperty(
		'complete',
		true
	);
	expect(
		await page
			.locator('img[src="/pictograms/thread.svg"]')
			.first()
			.evaluate((img) => (img as HTMLImageElement).naturalWidth)
	).toBeGreaterThan(0);

	await page.goto('/library/no-such-activity');
	await expect(page.getByRole('heading', { name: 'Activity not found', level: 1 })).toBeVisible();
	await context.setOffline(false);
});

test('the coverage grid counts each goal area × age band and links to the filtered list', async ({
	page,
	request
}) => {
	const index = (await (await request.get('/activities/index.json')).json()) as IndexEntry[];
	const count = index.filter(
		(a) => !a.retired && a.goalAreas.includes('feeding') && a.ageBands.includes('6-9')
	).length;
	await chooseRole(page, 'therapist');
	await page.goto('/therapist/coverage');
	const cell = page.getByRole('link', { name: `${count} activities for Feeding, 6–9 years` });
	await expect(cell).toHaveText(String(count));
	await cell.click();
	await expect(page).toHaveURL(/\/library\?goal=feeding&age=6-9$/);
	await expect(page.locator('.results > li')).toHaveCount(Math.min(count, 24));
	await expect(page.getByText(`${count} activities`)).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
	test(`library screens have no axe violations (${theme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme });
		await chooseRole(page, 'therapist');
		await page.goto('/library?goal=fine-motor');
		await expect(page.locator('.results > li').first()).toBeVisible();
		await expectNoAxeViolations(page, `/library (${theme})`);
		await page.goto('/library/bead-threading');
		await expect(page.getByRole('heading', { name: 'Bead threading', level: 1 })).toBeVisible();
		await expectNoAxeViolations(page, `/library/bead-threading (${theme})`);
		await page.goto('/therapist/coverage');
		await expect(page.getByRole('table')).toBeVisible();
		await expectNoAxeViolations(page, `/therapist/coverage (${theme})`);
	});
}
