import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Waits until the service worker is active and controls this page (reloads once if needed). */
export async function waitForServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
		await page.reload();
	}
	await expect
		.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
		.toBe(true);
}

/** Picks the role on first run, as a person would. */
export async function chooseRole(page: Page, role: 'family' | 'therapist' | 'kid') {
	const label = {
		family: 'A parent or caregiver',
		therapist: 'A therapist',
		kid: 'A child (kid mode)'
	}[role];
	await page.goto('/');
	await page.getByRole('button', { name: new RegExp(label.replace(/[()]/g, '\\$&')) }).click();
}

/** Runs axe-core (WCAG 2.2 AA rules) on the current page and fails with the violations listed. */
export async function expectNoAxeViolations(page: Page, context = '') {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
	expect(summary, `axe violations ${context}`).toEqual([]);
}
