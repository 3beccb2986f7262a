import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { chooseRole, expectNoAxeViolations } from './helpers';
import { addProgram, everyDayProgram } from './support/family';
import {
	colourName,
	inspectImage,
	makeJpeg,
	metadataIn,
	withExifOrientation
} from './support/photos';

/** Row counts of every store, and the bytes of every photo, to compare devices. */
async function snapshot(page: Page) {
	return page.evaluate(
		() =>
			new Promise<{ counts: Record<string, number>; photos: Record<string, number[]> }>(
				(resolve, reject) => {
					const open = indexedDB.open('homeplay');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const db = open.result;
						const names = [...db.objectStoreNames];
						const tx = db.transaction(names);
						const counts: Record<string, number> = {};
						const rows: Record<string, unknown[]> = {};
						for (const name of names) {
							const request = tx.objectStore(name).getAll();
							request.onsuccess = () => {
								rows[name] = request.result;
								counts[name] = request.result.length;
							};
						}
						tx.oncomplete = async () => {
							const photos: Record<string, number[]> = {};
							for (const photo of rows.photos as { id: string; display: Blob; thumbnail: Blob }[]) {
								const bytes = new Uint8Array(await photo.display.arrayBuffer());
								let hash = 0;
								for (const b of bytes) hash = (hash * 31 + b) >>> 0;
								photos[photo.id] = [photo.display.size, photo.thumbnail.size, hash];
							}
							db.close();
							resolve({ counts, photos });
						};
					};
				}
			)
	);
}

async function storedDisplayPhotos(page: Page) {
	return page.evaluate(
		() =>
			new Promise<number[][]>((resolve, reject) => {
				const open = indexedDB.open('homeplay');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const request = open.result.transaction('photos').objectStore('photos').getAll();
					request.onsuccess = async () => {
						const out = [];
						for (const p of request.result as { display: Blob; createdAt: number }[])
							out.push([...new Uint8Array(await p.display.arrayBuffer())]);
						resolve(out);
					};
				};
			})
	);
}

test('a journal entry with two photos, before/after, an encrypted backup restored on a cleared device', async ({
	page,
	baseURL
}, testInfo) => {
	test.setTimeout(120_000);
	await chooseRole(page, 'family');
	await addProgram(page, baseURL!, everyDayProgram());

	// A phone photo: stored landscape, tagged "rotate 90° clockwise", with a GPS position.
	const landscape = await makeJpeg(page, { width: 640, height: 480 });
	const rotated = withExifOrientation(landscape, 6);
	expect(metadataIn(rotated).gps).toBe(true);
	const second = await makeJpeg(page, { width: 800, height: 600 });

	await page.goto('/journal');
	await expect(page.getByRole('heading', { name: 'No entries yet' })).toBeVisible();
	await expectNoAxeViolations(page, 'empty journal');
	await page.getByRole('link', { name: 'New entry' }).first().click();
	await page.getByLabel('What happened?').fill('Buttoned her coat all by herself!');
	await page.getByLabel('Add photos').setInputFiles([
		{ name: 'coat.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(rotated) },
		{ name: 'drawing.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(second) }
	]);
	await expect(page.getByRole('img', { name: /^Photo \d$/ })).toHaveCount(2);
	// A file that is not a picture gets a clear message and changes nothing else.
	await page.getByLabel('Add photos').setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('not a photo')
	});
	await expect(page.getByText('notes.txt: That file is not a picture.')).toBeVisible();
	await page.getByRole('button', { name: 'Bead threading' }).click();
	await expectNoAxeViolations(page, 'journal entry editor');
	await page.getByRole('button', { name: 'Save entry' }).click();

	await expect(page.getByText('Buttoned her coat all by herself!')).toBeVisible();
	const thumbs = page.getByRole('button', { name: /^Open photo \d from/ });
	await expect(thumbs).toHaveCount(2);
	await expect(page.locator('.tags').getByText('Bead threading')).toBeVisible();
	await expectNoAxeViolations(page, 'journal timeline');

	// The stored photo is upright (portrait), re-encoded, with no EXIF or GPS left.
	const stored = await storedDisplayPhotos(page);
	const inspections = await Promise.all(
		stored.map((bytes) =>
			inspectImage(page, new Uint8Array(bytes), [
				[0.9, 0.5],
				[0.1, 0.5],
				[0.9, 0.05]
			])
		)
	);
	const portrait = inspections.find((i) => i.height > i.width)!;
	expect(portrait).toBeTruthy();
	expect(portrait.pixels.map(colourName)).toEqual(['red', 'blue', 'green']);
	for (const bytes of stored)
		expect(metadataIn(new Uint8Array(bytes))).toEqual({ exif: false, gps: false });

	// Full-size view with the keyboard.
	await thumbs.first().click();
	const viewer = page.getByRole('dialog', { name: 'Photo' });
	await expect(viewer.getByText(/Photo 1 of 2/)).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(viewer.getByText(/Photo 2 of 2/)).toBeVisible();
	await viewer.getByRole('button', { name: 'Close' }).click();

	// Before/after: pick two photos, see them side by side with their dates.
	await page.getByRole('button', { name: 'Before and after' }).click();
	await page.getByRole('button', { name: /^Pick photo 1/ }).click();
	await page.getByRole('button', { name: /^Pick photo 2/ }).click();
	await page.getByRole('button', { name: 'Show side by side' }).click();
	const pair = page.getByRole('dialog', { name: 'Before and after' });
	await expect(pair.getByText('Before', { exact: true })).toBeVisible();
	await expect(pair.getByText('After', { exact: true })).toBeVisible();
	await expect(pair.locator('img')).toHaveCount(2);
	await expectNoAxeViolations(page, 'before/after');
	await pair.getByRole('button', { name: 'Close' }).click();

	// An encrypted backup.
	const before = await snapshot(page);
	await page.goto('/settings/backup');
	await expectNoAxeViolations(page, 'backup page');
	await page.getByLabel('Passphrase (recommended)').fill('correct horse battery');
	await page.getByLabel('The passphrase again').fill('correct horse battery');
	await page.getByRole('button', { name: 'Make a locked backup' }).click();
	await expect(page.getByText(/Your backup is ready/)).toBeVisible({ timeout: 30_000 });
	const downloadEvent = page.waitForEvent('download');
	await page.getByRole('link', { name: /^Save homeplay-backup-/ }).click();
	const file = testInfo.outputPath('backup.homeplay');
	await (await downloadEvent).saveAs(file);

	// Clear the site's data, as a new phone would be.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.clearDataForOrigin', { origin: baseURL!, storageTypes: 'all' });
	await page.goto('/');
	await page.getByRole('button', { name: /A parent or caregiver/ }).click();
	expect((await snapshot(page)).counts.journalEntries).toBe(0);

	// A damaged backup is refused and changes nothing.
	const damaged = readFileSync(file);
	damaged[Math.floor(damaged.length / 2)] ^= 0xff;
	const damagedFile = testInfo.outputPath('damaged.homeplay');
	writeFileSync(damagedFile, damaged);
	await page.goto('/settings/backup');
	const untouched = await snapshot(page);
	await page.getByLabel('Backup file').setInputFiles(damagedFile);
	await page.getByLabel('This backup is locked. Its passphrase:').fill('correct horse battery');
	await page.getByRole('button', { name: 'Open the backup' }).click();
	await expect(page.getByRole('alert')).toContainText(/damaged|incomplete/);
	expect(await snapshot(page)).toEqual(untouched);

	// The real backup, with a wrong passphrase first.
	await page.getByLabel('Backup file').setInputFiles(file);
	await page.getByLabel('This backup is locked. Its passphrase:').fill('wrong one');
	await page.getByRole('button', { name: 'Open the backup' }).click();
	await expect(page.getByRole('alert')).toContainText('That passphrase does not open this backup');
	await page.getByLabel('This backup is locked. Its passphrase:').fill('correct horse battery');
	await page.getByRole('button', { name: 'Open the backup' }).click();
	await expect(page.getByTestId('backup-preview')).toContainText('Children: Mia');
	await expect(page.getByTestId('backup-preview')).toContainText('Journal entries: 1');
	await expect(page.getByTestId('backup-preview')).toContainText('Photos: 2');
	await page.getByRole('radio', { name: /Replace everything/ }).check();
	await page.getByRole('button', { name: 'Restore' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Replace everything' }).click();
	await expect(page.getByText(/^Restored:/)).toBeVisible();

	const after = await snapshot(page);
	expect(after.photos).toEqual(before.photos);
	for (const table of ['children', 'programs', 'checkins', 'journalEntries', 'photos', 'schedules'])
		expect(after.counts[table], table).toBe(before.counts[table]);
	await page.goto('/journal');
	await expect(page.getByText('Buttoned her coat all by herself!')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Open photo \d from/ })).toHaveCount(2);
});

test('deleting a journal entry asks first and can be undone', async ({ page, baseURL }) => {
	await chooseRole(page, 'family');
	await addProgram(page, baseURL!, everyDayProgram());
	await page.goto('/journal/entry');
	await page.getByLabel('What happened?').fill('Zipped the jacket!');
	await page.getByRole('button', { name: 'Save entry' }).click();
	await expect(page.getByText('Zipped the jacket!')).toBeVisible();

	await page.getByRole('button', { name: /^Delete/ }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('Zipped the jacket!')).toBeVisible();
	await page.getByRole('button', { name: /^Delete/ }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
	await expect(page.getByText('The entry was deleted.')).toBeVisible();
	await expect(page.getByText('Zipped the jacket!')).toHaveCount(0);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByText('Zipped the jacket!')).toBeVisible();
	await page.reload();
	await expect(page.getByText('Zipped the jacket!')).toBeVisible();
});
