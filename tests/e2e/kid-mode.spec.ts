import { expect, test, type Page } from '@playwright/test';
import { chooseRole, expectNoAxeViolations, waitForServiceWorker } from './helpers';
import { addProgram, everyDayProgram } from './support/family';

/** A small JPEG made by the browser itself, for the file input. */
async function makeJpeg(page: Page) {
	const bytes = await page.evaluate(async () => {
		const canvas = new OffscreenCanvas(640, 480);
		const ctx = canvas.getContext('2d')!;
		ctx.fillStyle = '#2a7';
		ctx.fillRect(0, 0, 640, 480);
		ctx.fillStyle = '#fff';
		ctx.fillRect(200, 120, 240, 240);
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
		return [...new Uint8Array(await blob.arrayBuffer())];
	});
	return Buffer.from(bytes);
}

/** Every visible button, link and input in kid mode is at least 64 × 64 px. */
async function expectBigTargets(page: Page, where: string) {
	const small = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('button, a[href], input, [role="button"]')]
			.filter((el) => {
				const box = el.getBoundingClientRect();
				return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
			})
			.filter((el) => !el.closest('.skip-link'))
			.map((el) => ({
				text: el.textContent?.trim() || el.getAttribute('aria-label'),
				box: el.getBoundingClientRect()
			}))
			.filter(({ box }) => box.width < 64 || box.height < 64)
			.map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`)
	);
	expect(small, where).toEqual([]);
}

async function passGate(page: Page) {
	const gate = page.getByRole('dialog', { name: 'For grown-ups' });
	await expect(gate).toBeVisible();
	const hold = gate.getByRole('button', { name: 'Hold here' });
	const box = (await hold.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.waitForTimeout(3300);
	await page.mouse.up();
	const question = await gate.getByText(/What is \d+ \+ \d+\?/).innerText();
	const [, a, b] = question.match(/(\d+) \+ (\d+)/)!;
	await gate.getByRole('textbox').fill(String(Number(a) + Number(b)));
	await gate.getByRole('button', { name: 'Continue' }).click();
}

test('a parent builds a routine with a photo step; the child follows it, earns a star, and cannot leave without a grown-up', async ({
	page,
	baseURL
}) => {
	test.setTimeout(90_000);
	await chooseRole(page, 'family');
	await waitForServiceWorker(page);
	await addProgram(page, baseURL!, everyDayProgram());

	await page.goto('/settings/kid');
	await page.getByText('New schedule from a template').click();
	await page.getByRole('link', { name: /Start from scratch/ }).click();
	await page.getByLabel('Name').fill('Morning');
	for (const [i, label] of ['Get dressed', 'Eat breakfast', 'Brush teeth'].entries()) {
		await page.getByRole('button', { name: 'A picture' }).click();
		await page.getByLabel(`Step ${i + 1}`, { exact: true }).fill(label);
	}
	await page.locator('input[type=file]').setInputFiles({
		name: 'our-door.jpg',
		mimeType: 'image/jpeg',
		buffer: await makeJpeg(page)
	});
	await page.getByLabel('Step 4', { exact: true }).fill('Out the door');
	await expect(page.locator('img[src^="blob:"]')).toHaveCount(1);
	await expectNoAxeViolations(page, 'schedule builder');
	await page.getByRole('button', { name: 'Save schedule' }).click();
	await expect(page.getByRole('link', { name: 'Morning' })).toBeVisible();
	await page.getByLabel('Stars').first().fill('3');
	await page.getByLabel('Reward').first().fill('park trip');
	await page.getByRole('button', { name: 'Save reward' }).click();
	await expectNoAxeViolations(page, 'kid mode settings');

	await page.getByRole('link', { name: 'Start kid mode for Mia' }).click();
	await expect(page.getByRole('heading', { name: 'Hi Mia!' })).toBeVisible();
	await expect(page.getByText('0 of 3 stars for park trip')).toBeVisible();
	await expectBigTargets(page, 'kid home');
	await expectNoAxeViolations(page, 'kid home');

	await page.getByRole('link', { name: 'Morning' }).click();
	await expect(page.getByText('0 of 4')).toBeVisible();
	await expectBigTargets(page, 'routine');
	await expectNoAxeViolations(page, 'routine');
	for (let i = 1; i <= 4; i++) {
		await page.getByRole('button', { name: '✓ Done' }).click();
		if (i < 4) await expect(page.getByText(`${i} of 4`)).toBeVisible();
	}
	await expect(page.getByRole('heading', { name: 'All done!' })).toBeVisible();
	await expect(page.getByText('You earned a star!')).toBeVisible();
	await page.getByRole('link', { name: 'Home' }).last().click();
	await expect(page.getByText('1 of 3 stars for park trip')).toBeVisible();

	// The back button and every way out ask for a grown-up first.
	const gate = page.getByRole('dialog', { name: 'For grown-ups' });
	for (let i = 0; i < 5 && !(await gate.isVisible()); i++) {
		await page.evaluate(() => history.back());
		await page.waitForTimeout(300);
	}
	await expect(gate).toBeVisible();
	expect(new URL(page.url()).pathname.startsWith('/kid')).toBe(true);
	await expectBigTargets(page, 'parent gate');
	await page.getByRole('button', { name: 'Stay in kid mode' }).click();
	await page.getByRole('button', { name: /Grown-ups/ }).click();
	await passGate(page);
	await expect(page).toHaveURL(/\/settings\/kid$/);
});

test('checking off the practice schedule records the check-in that Today shows; kid mode works offline', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(90_000);
	await chooseRole(page, 'family');
	await waitForServiceWorker(page);
	await addProgram(page, baseURL!, everyDayProgram());
	await page.goto('/kid');
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('link', { name: 'My practice' })).toBeVisible();
	await page.getByRole('link', { name: 'My practice' }).click();
	// Bead threading has four picture steps; check them all.
	for (const step of [
		'Pick up one bead.',
		'Push the lace through.',
		'Slide it down.',
		'Count your beads!'
	]) {
		await expect(page.locator('#current-label')).toHaveText(step);
		await page.getByRole('button', { name: '✓ Done' }).click();
	}
	await expect(page.locator('#current-label')).not.toHaveText('Count your beads!');
	await expectBigTargets(page, 'practice schedule');
	// Axe judges the page at rest, not the moment a celebration fades out.
	await expect(page.locator('.celebrate')).toHaveCount(0);
	await expectNoAxeViolations(page, 'practice schedule');

	await page.getByRole('link', { name: 'Home' }).last().click();
	await page.getByRole('button', { name: /Grown-ups/ }).click();
	await passGate(page);
	await page.goto('/today');
	await expect(
		page
			.getByRole('article', { name: 'Bead threading' })
			.getByRole('button', { name: 'Done', exact: true })
	).toHaveAttribute('aria-pressed', 'true');
	await context.setOffline(false);
});

test('a first/then board, the plain checklist look for older children, and read-aloud', async ({
	page,
	baseURL
}) => {
	// Record what would be spoken; speech itself needs voices a headless browser lacks.
	await page.addInitScript(() => {
		const spoken: string[] = [];
		(window as unknown as { spoken: string[] }).spoken = spoken;
		Object.defineProperty(window, 'speechSynthesis', {
			value: {
				speak: (u: SpeechSynthesisUtterance) => spoken.push(`${u.lang}:${u.text}`),
				cancel: () => {},
				getVoices: () => []
			}
		});
	});
	await chooseRole(page, 'family');
	await addProgram(page, baseURL!, everyDayProgram());
	await page.goto('/settings/kid');
	await page.getByText('New schedule from a template').click();
	await page.getByRole('link', { name: /^First, then/ }).click();
	await expect(page.getByLabel('Step 1', { exact: true })).toHaveValue('Shoes on');
	await page.getByRole('button', { name: 'Save schedule' }).click();
	await expect(page.getByRole('link', { name: 'First, then' })).toBeVisible();

	await page.getByRole('link', { name: 'Start kid mode for Mia' }).click();
	await page.getByRole('link', { name: 'First, then' }).click();
	await expect(page.getByRole('heading', { name: 'First', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Then', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Say “Shoes on” out loud' }).click();
	expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken)).toEqual([
		'en:Shoes on'
	]);
	await page.getByRole('button', { name: '✓ Done' }).click();
	await page.getByRole('button', { name: '✓ Done' }).click();
	await expect(page.getByRole('heading', { name: 'All done!' })).toBeVisible();

	// The plain look: a checklist, any order, still big enough to tap.
	await page.getByRole('link', { name: 'Home' }).last().click();
	await page.getByRole('button', { name: /Grown-ups/ }).click();
	await passGate(page);
	await page.getByRole('radio', { name: 'A plain checklist (older children)' }).check();
	await page.getByRole('link', { name: 'Start kid mode for Mia' }).click();
	await page.getByRole('link', { name: 'My practice' }).click();
	const rows = page.locator('.list button');
	await expect(rows.first()).toBeVisible();
	await rows.nth(2).click();
	await expect(rows.nth(2)).toHaveAttribute('aria-pressed', 'true');
	await expect(rows.nth(0)).toHaveAttribute('aria-pressed', 'false');
	await expectBigTargets(page, 'checklist');
	await expect(page.locator('.celebrate')).toHaveCount(0);
	await expectNoAxeViolations(page, 'checklist look');
});
