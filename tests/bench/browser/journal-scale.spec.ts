import { expect, test } from '@playwright/test';
import { addProgram, everyDayProgram } from '../../e2e/support/family';
import { kb, report } from '../measure';

/** The journal with a thousand photos: paging keeps what the page holds small. */
test('journal timeline with 1,000 photos', async ({ page, baseURL }) => {
	await page.goto('/');
	await page.getByRole('button', { name: /A parent or caregiver/ }).click();
	await addProgram(page, baseURL!, everyDayProgram());
	const seeded = await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('homeplay');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const childId = await new Promise<string>((resolve) => {
			const request = db.transaction('children').objectStore('children').getAll();
			request.onsuccess = () => resolve(request.result[0].id);
		});
		// Real (small) WebP images, so the page decodes what it shows; made before the
		// transaction, which must not wait on anything else.
		const canvas = new OffscreenCanvas(320, 240);
		const ctx = canvas.getContext('2d')!;
		const blobs: Blob[] = [];
		for (let i = 0; i < 36; i++) {
			ctx.fillStyle = `hsl(${i * 10} 60% 50%)`;
			ctx.fillRect(0, 0, 320, 240);
			blobs.push(await canvas.convertToBlob({ type: 'image/webp' }));
		}
		const tx = db.transaction(['journalEntries', 'photos'], 'readwrite');
		let photos = 0;
		for (let i = 0; i < 500; i++) {
			const date = new Date(Date.now() - i * 86_400_000 * 1.5).toISOString().slice(0, 10);
			const ids = [`p${i}a`, `p${i}b`];
			for (const [n, id] of ids.entries()) {
				const image = blobs[(i + n) % blobs.length];
				tx.objectStore('photos').put({
					id,
					entryId: `e${i}`,
					display: image,
					thumbnail: image,
					width: 320,
					height: 240,
					createdAt: i
				});
				photos++;
			}
			tx.objectStore('journalEntries').put({
				id: `e${i}`,
				childId,
				date,
				text: `Entry ${i}`,
				tags: [],
				photoIds: ids,
				createdAt: i,
				updatedAt: i
			});
		}
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
		return photos;
	});
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	const heap = async () =>
		(await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!
			.value;

	await page.goto('/journal');
	await expect(page.getByText('Entry 0', { exact: true })).toBeVisible();
	const firstPage = { images: await page.locator('main img').count(), heap: await heap() };
	for (let i = 0; i < 4; i++)
		await page.getByRole('button', { name: 'Show older entries' }).click();
	await expect(page.locator('article.entry')).toHaveCount(100);
	const fivePages = { images: await page.locator('main img').count(), heap: await heap() };
	report(`Journal with ${seeded} photos in 500 entries (a page is 20 entries)`, [
		{ shown: 'first page', 'images on the page': firstPage.images, 'JS heap': kb(firstPage.heap) },
		{
			shown: 'after 4 × "Show older"',
			'images on the page': fivePages.images,
			'JS heap': kb(fivePages.heap)
		}
	]);
});
