import { expect, test, type Page } from '@playwright/test';
import { sampleProgram } from '../../unit/fixtures/programs';
import { report } from '../measure';

/** Three years of a busy family: 2 children, 10 activities each, ≈ 20,000 check-ins. */
async function seed(page: Page) {
	const docs = ['Mia', 'Leo'].map((name, i) => {
		const doc = sampleProgram({ libraryItems: 10, customItems: 0, noteLength: 40 });
		doc.id = `Scale${i}Program`;
		doc.child = { name, ageBand: i ? '6-9' : '3-5' };
		return doc;
	});
	return page.evaluate(async (docs) => {
		const iso = (d: Date) =>
			`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
		const start = new Date();
		start.setDate(start.getDate() - 3 * 365);
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('homeplay');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction(['children', 'programs', 'checkins'], 'readwrite');
		let checkins = 0;
		let seedValue = 7;
		const random = () => (seedValue = (seedValue * 16807) % 2147483647) / 2147483647;
		docs.forEach((doc, i) => {
			const childId = `child-${i}`;
			doc.startDate = iso(start);
			tx.objectStore('children').put({
				id: childId,
				name: doc.child.name,
				ageBand: doc.child.ageBand,
				createdAt: i
			});
			tx.objectStore('programs').put({
				id: doc.id,
				childId,
				version: 1,
				document: doc,
				versions: [{ version: 1, effectiveFrom: iso(start), document: doc }],
				importedAt: start.getTime(),
				updatedAt: start.getTime()
			});
			for (const day = new Date(start); day <= new Date(); day.setDate(day.getDate() + 1)) {
				const date = iso(day);
				for (const item of doc.items) {
					if (random() > 0.91) continue;
					const r = random();
					tx.objectStore('checkins').put({
						id: `${doc.id}:${item.id}:${date}`,
						childId,
						programId: doc.id,
						itemId: item.id,
						date,
						status: r < 0.75 ? 'done' : r < 0.9 ? 'partly' : 'not-today',
						ease: 1 + Math.floor(random() * 5),
						minutes: 5 + Math.floor(random() * 10),
						createdAt: day.getTime(),
						updatedAt: day.getTime()
					});
					checkins++;
				}
			}
		});
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
		return checkins;
	}, docs);
}

/** Median time from clicking a nav link to the screen's "ready" mark, over several visits. */
async function timeScreen(page: Page, href: string, mark: string, runs = 7) {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Settings' })
			.click();
		await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
		const ms = await page.evaluate(
			async ({ href, mark }) => {
				performance.clearMarks(mark);
				const start = performance.now();
				document.querySelector<HTMLAnchorElement>(`nav a[href="${href}"]`)!.click();
				for (;;) {
					const entry = performance.getEntriesByName(mark)[0];
					if (entry) return entry.startTime - start;
					await new Promise((r) => setTimeout(r, 5));
				}
			},
			{ href, mark }
		);
		times.push(ms);
	}
	times.sort((a, b) => a - b);
	return { median: times[Math.floor(runs / 2)], max: times[runs - 1] };
}

test('Today and Progress with three years of data', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('button', { name: /A parent or caregiver/ }).click();
	await page.goto('/settings');
	const count = await seed(page);
	await page.goto('/today');
	await expect(page.getByText(/logged today|Nothing is due/)).toBeVisible();

	const today = await timeScreen(page, '/today', 'homeplay:today-ready');
	const progress = await timeScreen(page, '/progress', 'homeplay:progress-ready');
	await expect(page.getByTestId('overall')).toContainText('% of what was planned');
	report(`Daily practice at scale (${count} check-ins, 2 children, 3 years)`, [
		{
			screen: 'Today (target ≤ 100 ms)',
			'median ms': today.median.toFixed(1),
			'max ms': today.max.toFixed(1)
		},
		{
			screen: 'Progress (target ≤ 250 ms)',
			'median ms': progress.median.toFixed(1),
			'max ms': progress.max.toFixed(1)
		}
	]);
});
