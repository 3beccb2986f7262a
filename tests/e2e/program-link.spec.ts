import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync, existsSync } from 'node:fs';
import jsQR from 'jsqr';
import { REQUEST_LOG } from '../playwright.config';
import { sampleProgram } from '../unit/fixtures/programs';
import { seedTherapistPrograms } from './support/family';
import { chooseRole, expectNoAxeViolations, waitForServiceWorker } from './helpers';

/** Every row of every object store in Homeplay's database, to prove a screen changed nothing. */
async function dumpDatabase(page: Page) {
	return page.evaluate(
		() =>
			new Promise<Record<string, unknown[]>>((resolve, reject) => {
				const open = indexedDB.open('homeplay');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const names = [...db.objectStoreNames];
					const tx = db.transaction(names);
					const out: Record<string, unknown[]> = {};
					for (const name of names) {
						const request = tx.objectStore(name).getAll();
						request.onsuccess = () => (out[name] = request.result);
					}
					tx.oncomplete = () => resolve(out);
					tx.onerror = () => reject(tx.error);
				};
			})
	);
}

async function addFromLibrary(page: Page, search: string, title: string) {
	const box = page.getByRole('searchbox', { name: 'Search activities' });
	await box.fill(search);
	await page.getByRole('button', { name: `Add ${title}`, exact: true }).click();
	await expect(
		page.getByRole('heading', { name: new RegExp(`Activity \\d+: ${title}`) })
	).toBeVisible();
}

async function familyPage(browser: Browser) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	return { context, page: await context.newPage() };
}

test('a therapist builds a program and the family adds it from the link; updates keep check-ins', async ({
	page,
	browser,
	context
}) => {
	test.setTimeout(90_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await chooseRole(page, 'therapist');
	await page.getByRole('link', { name: 'New program' }).first().click();
	await expect(page.getByRole('heading', { name: 'New home program', level: 1 })).toBeVisible();

	// Saving too early lists what is missing, each a link to its field.
	await page.getByRole('button', { name: 'Save and create link' }).click();
	const problems = page.getByRole('alert').filter({ hasText: 'Before you can share' });
	await expect(problems.getByRole('link', { name: /first name or nickname/ })).toBeVisible();
	await expect(problems.getByRole('link', { name: 'Add at least one activity.' })).toBeVisible();

	await page.getByLabel('First name or nickname').fill('Mia');
	await page.getByRole('radio', { name: '3–5 years' }).check();
	await page.getByLabel('Goal 1', { exact: true }).fill('Button her coat on her own');
	await page
		.getByRole('group', { name: 'Goal areas for goal 1' })
		.getByRole('button', { name: 'Fine motor' })
		.click();
	await page.getByLabel('Your name').fill('Sam Rivera');
	await page.getByLabel('Clinic (optional)').fill('Little Steps Therapy');

	await page.getByRole('button', { name: 'Add from the library' }).click();
	await addFromLibrary(page, 'beads', 'Bead threading');
	await addFromLibrary(page, 'dough', 'Dough squish, roll and pinch');
	await addFromLibrary(page, 'button board', 'Big button board');
	await page.getByRole('button', { name: 'Close the library' }).click();

	await page.getByRole('button', { name: 'Write your own activity' }).click();
	await page.getByLabel('Title').fill('Sock sorting race');
	await page
		.getByLabel('Step 1', { exact: true })
		.fill('Tip the clean socks onto the bed and find pairs.');
	await page.getByLabel('Picture step 1', { exact: true }).fill('Find two socks.');
	await page.getByLabel('Your note for the family (optional)').last().fill('Make it a race.');

	const order = () =>
		page
			.locator('ol.items h3')
			.evaluateAll((hs) => hs.map((h) => h.textContent!.replace(/Activity \d+:/, '').trim()));
	expect(await order()).toEqual([
		'Bead threading',
		'Dough squish, roll and pinch',
		'Big button board',
		'Sock sorting race'
	]);

	// Keyboard: move the first activity down; focus stays on it.
	await page.getByRole('button', { name: 'Move Bead threading down' }).focus();
	await page.keyboard.press('Enter');
	expect(await order()).toEqual([
		'Dough squish, roll and pinch',
		'Bead threading',
		'Big button board',
		'Sock sorting race'
	]);
	await expect(page.getByText('Bead threading moved to position 2 of 4.')).toBeAttached();
	// Drag: the custom activity's handle onto the activity above it.
	const third = page.locator('ol.items > li').nth(2);
	const box = (await third.boundingBox())!;
	await page
		.locator('ol.items > li .handle')
		.nth(3)
		.dragTo(third, { targetPosition: { x: 40, y: box.height - 30 } });
	expect(await order()).toEqual([
		'Dough squish, roll and pinch',
		'Bead threading',
		'Sock sorting race',
		'Big button board'
	]);

	// The preview shows the family's view and the picture schedule.
	await expect(page.getByRole('tab', { name: 'Family view' })).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await page.getByRole('tab', { name: "Child's picture schedule" }).click();
	await expect(page.getByRole('tabpanel').getByText('Find two socks.')).toBeVisible();
	await expectNoAxeViolations(page, 'program builder');

	await page.getByRole('button', { name: 'Save and create link' }).click();
	await expect(
		page.getByRole('heading', { name: "Share Mia's program (version 1)" })
	).toBeVisible();
	const link = await page.getByLabel('Program link').inputValue();
	expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p#[A-Za-z0-9_-]+$/);
	await page.getByRole('button', { name: 'Copy link' }).click();
	await expect(page.getByText('Link copied.')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

	// The QR code on screen decodes to the very same link.
	const qr = page.getByRole('img', { name: "QR code that opens Mia's program" });
	const shot = await qr.screenshot();
	const decoded = await page.evaluate(
		async (png) => {
			const bitmap = await createImageBitmap(
				new Blob([new Uint8Array(png)], { type: 'image/png' })
			);
			const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
			const ctx = canvas.getContext('2d')!;
			ctx.drawImage(bitmap, 0, 0);
			const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
			return { width: data.width, height: data.height, pixels: [...data.data] };
		},
		[...shot]
	);
	const code = jsQR(Uint8ClampedArray.from(decoded.pixels), decoded.width, decoded.height);
	expect(code?.data).toBe(link);
	await expectNoAxeViolations(page, 'share panel');

	// The family's phone: a separate browser context with its own storage.
	const logStart = existsSync(REQUEST_LOG) ? readFileSync(REQUEST_LOG, 'utf8').length : 0;
	const family = await familyPage(browser);
	await family.page.goto(link);
	await expect(family.page.getByRole('heading', { name: 'A home program for you' })).toBeVisible();
	await expect(family.page.getByText('Sam Rivera, Little Steps Therapy')).toBeVisible();
	await expect(family.page.getByText('Mia (3–5 years)')).toBeVisible();
	await expect(family.page.getByRole('heading', { name: 'Activities (4)' })).toBeVisible();
	await expect(family.page.getByText('Make it a race.')).toBeVisible();
	await expectNoAxeViolations(family.page, 'import preview');
	await family.page.getByRole('button', { name: 'Add to Homeplay' }).click();
	await expect(family.page.getByRole('heading', { name: 'Added', level: 1 })).toBeVisible();
	await expectNoAxeViolations(family.page, 'import done');
	let data = await dumpDatabase(family.page);
	expect(data.children).toHaveLength(1);
	expect(data.programs).toMatchObject([{ version: 1, document: { child: { name: 'Mia' } } }]);
	const programId = (data.programs[0] as { id: string }).id;
	const childId = (data.children[0] as { id: string }).id;

	// Opening the same link again (say, from the message once more) changes nothing.
	await family.page.goto('/');
	await family.page.goto(link);
	await expect(
		family.page.getByText('This program is already on this device. Nothing has changed.')
	).toBeVisible();
	expect(await dumpDatabase(family.page)).toEqual(data);

	// The family logs practice (a check-in), then the therapist sends version 2.
	await family.page.evaluate(
		([programId, childId]) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('homeplay');
				open.onsuccess = () => {
					const tx = open.result.transaction('checkins', 'readwrite');
					tx.objectStore('checkins').put({
						id: 'k1',
						childId,
						programId,
						itemId: 'bead-threading',
						date: '2026-11-24',
						status: 'done',
						createdAt: 1,
						updatedAt: 1
					});
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		[programId, childId]
	);
	await page
		.getByLabel('Your note for the family (optional)')
		.first()
		.fill('Make it a race, with a timer.');
	await page.getByRole('button', { name: 'Save as a new version' }).click();
	await expect(
		page.getByRole('heading', { name: "Share Mia's program (version 2)" })
	).toBeVisible();
	const link2 = await page.getByLabel('Program link').inputValue();
	expect(link2).not.toBe(link);

	await family.page.goto(link2);
	await family.page.getByRole('button', { name: 'Update to version 2' }).click();
	await expect(family.page.getByRole('heading', { name: 'Program updated' })).toBeVisible();
	data = await dumpDatabase(family.page);
	expect(data.programs).toMatchObject([{ id: programId, version: 2 }]);
	expect(data.checkins).toMatchObject([{ id: 'k1', programId }]);
	expect(data.children).toHaveLength(1);

	// The older link is refused kindly and changes nothing.
	await family.page.goto(link);
	await expect(
		family.page.getByRole('heading', { name: 'You have a newer version' })
	).toBeVisible();
	expect(await dumpDatabase(family.page)).toEqual(data);

	// The server saw the page requests, never the program in the fragment.
	const requests = readFileSync(REQUEST_LOG, 'utf8').slice(logStart);
	expect(requests).toMatch(/^GET \/p$/m);
	const payload = link.split('#')[1];
	expect(requests).not.toContain(payload.slice(0, 24));
	expect(requests).not.toContain('#');
	await family.context.close();
});

test('a damaged link shows a friendly message and leaves the database unchanged', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await familyPage(browser);
	await chooseRole(page, 'family');
	const before = await dumpDatabase(page);
	const { programLink } = await import('../../src/lib/link/program-link');
	const good = await programLink(baseURL!, sampleProgram());
	const cases = {
		truncated: good.slice(0, -10),
		altered: good.replace(/#(.{30})./, (_, keep) => `#${keep}${keep[0] === 'A' ? 'B' : 'A'}`),
		junk: `${baseURL}/p#hello-this-is-not-a-program`,
		oversized: `${baseURL}/p#${'A'.repeat(70_000)}`
	};
	for (const [name, url] of Object.entries(cases)) {
		await page.goto(url);
		await expect(
			page.getByRole('heading', { name: 'This link is damaged', level: 1 }),
			name
		).toBeVisible();
		await expect(page.getByText('ask your therapist to send it again')).toBeVisible();
		expect(await dumpDatabase(page), name).toEqual(before);
	}
	await expectNoAxeViolations(page, 'damaged link');
	await page.goto(`${baseURL}/p`);
	await expect(page.getByText('This link has no program in it.')).toBeVisible();
	await context.close();
});

test('a program link carrying HTML is refused, and texts render as text', async ({
	browser,
	baseURL
}) => {
	const { context, page } = await familyPage(browser);
	await chooseRole(page, 'family');
	const { encodeEnvelope } = await import('../../src/lib/link/envelope');
	const { programToWire } = await import('../../src/lib/link/program-link');
	const wire = programToWire(sampleProgram());
	wire[2] = '<img src=x onerror="document.title=\'pwned\'">';
	await page.goto(`${baseURL}/p#${await encodeEnvelope('program', 1, wire)}`);
	await expect(page.getByRole('heading', { name: 'This link is damaged', level: 1 })).toBeVisible();
	expect(await page.title()).not.toBe('pwned');
	expect(await page.locator('img[src="x"]').count()).toBe(0);
	await context.close();
});

test('the printed handout of 8 activities fits on two pages', async ({ page }) => {
	await chooseRole(page, 'therapist');
	const doc = sampleProgram({ libraryItems: 8, customItems: 0, noteLength: 120 });
	await seedTherapistPrograms(page, [doc]);
	await page.goto(`/therapist/program?id=${doc.id}`);
	await expect(
		page.getByRole('heading', { name: "Share Mia's program (version 1)" })
	).toBeVisible();
	const handout = page.locator('.handout');
	await expect(handout.locator('.activity')).toHaveCount(8);
	await expect(handout.locator('.activity ol').first()).toBeAttached();
	const pdf = await page.pdf({ format: 'A4' });
	if (process.env.HANDOUT_PDF)
		(await import('node:fs')).writeFileSync(process.env.HANDOUT_PDF, pdf);
	const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
	expect(pages).toBeGreaterThanOrEqual(1);
	expect(pages).toBeLessThanOrEqual(2);
	const text = pdf.toString('latin1');
	expect(text.length).toBeGreaterThan(1000);
});

test('a family opens a program link offline, and keeps programs for several children', async ({
	page,
	context,
	baseURL
}) => {
	const { programLink } = await import('../../src/lib/link/program-link');
	await chooseRole(page, 'family');
	await waitForServiceWorker(page);
	await context.setOffline(true);

	await page.goto(await programLink(baseURL!, sampleProgram()));
	await page.getByRole('button', { name: 'Add to Homeplay' }).click();
	await expect(page.getByRole('heading', { name: 'Added', level: 1 })).toBeVisible();

	const leo = sampleProgram({ libraryItems: 2 });
	leo.id = 'LeoProgram1';
	leo.child = { name: 'Leo', ageBand: '6-9' };
	await page.goto(await programLink(baseURL!, leo));
	// A new program: the family picks the child; Leo is new on this device.
	await expect(page.getByRole('radio', { name: 'Leo (new on this device)' })).toBeChecked();
	await page.getByRole('button', { name: 'Add to Homeplay' }).click();
	await expect(page.getByRole('heading', { name: 'Added', level: 1 })).toBeVisible();

	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Mia', level: 2 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Leo', level: 2 })).toBeVisible();
	const data = await dumpDatabase(page);
	expect(data.children).toHaveLength(2);
	expect(data.programs).toHaveLength(2);
	await expectNoAxeViolations(page, 'family home with two children');
	await context.setOffline(false);
});

test('the therapist finds, duplicates and deletes programs (with undo)', async ({ page }) => {
	await chooseRole(page, 'therapist');
	const mia = sampleProgram();
	const leo = { ...sampleProgram({ libraryItems: 5 }), id: 'LeoProgram1' };
	leo.child = { name: 'Leo', ageBand: '6-9' };
	leo.goals = [{ text: 'Write his name neatly', goalAreas: ['visual-motor-handwriting'] }];
	await seedTherapistPrograms(page, [mia, leo]);
	await page.goto('/therapist');
	await expect(page.getByText('2 programs')).toBeVisible();
	await page.getByLabel('Find a program').fill('handwr');
	await expect(page.getByText('0 programs')).toBeVisible();
	await page.getByLabel('Find a program').fill('neatly');
	await expect(page.getByText('1 program', { exact: true })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Leo', exact: true })).toBeVisible();
	await expectNoAxeViolations(page, 'program list');

	await page.getByRole('link', { name: 'Use as template (Leo)' }).click();
	await expect(page.getByRole('heading', { name: 'New home program' })).toBeVisible();
	await expect(page.getByLabel('First name or nickname')).toHaveValue('');
	await expect(page.getByLabel('Goal 1', { exact: true })).toHaveValue('Write his name neatly');
	await expect(page.getByRole('heading', { name: 'Activities (6)', level: 2 })).toBeVisible();

	await page.goto('/therapist');
	await page.getByRole('button', { name: 'Delete (Mia)' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByText('The program for Mia was deleted.')).toBeVisible();
	await expect(page.getByText('1 program', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByText('2 programs')).toBeVisible();
});
