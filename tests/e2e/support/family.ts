import { expect, type Page } from '@playwright/test';
import { programLink } from '../../../src/lib/link/program-link';
import type { ProgramDoc } from '../../../src/lib/program/model';
import { sampleProgram } from '../../unit/fixtures/programs';

/** The local calendar date `days` from today, as the browser in the test sees it. */
export function isoDaysFromNow(days: number): string {
	const date = new Date();
	date.setDate(date.getDate() + days);
	return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A program whose every item is due every day, started two weeks ago. */
export function everyDayProgram(overrides: Partial<ProgramDoc> = {}): ProgramDoc {
	const doc = sampleProgram({ libraryItems: 3, customItems: 1, noteLength: 40 });
	for (const item of doc.items) item.schedule = { days: [0, 1, 2, 3, 4, 5, 6] };
	doc.items[3].amount = { minutes: 1 };
	return { ...doc, startDate: isoDaysFromNow(-14), reviewDate: isoDaysFromNow(40), ...overrides };
}

/** Opens a program link in the family's browser and adds it, as a parent would. */
export async function addProgram(page: Page, baseURL: string, doc: ProgramDoc) {
	await page.goto(await programLink(baseURL, doc));
	await page.getByRole('button', { name: /Add to Homeplay|Update to version/ }).click();
	await expect(
		page.getByRole('heading', { name: /Added|Program updated/, level: 1 })
	).toBeVisible();
}

/** Puts programs on the therapist's device as if built there (version 1, oldest first). */
export async function seedTherapistPrograms(page: Page, docs: ProgramDoc[]) {
	await page.evaluate(
		(docs) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('homeplay');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('therapistPrograms', 'readwrite');
					docs.forEach((doc, i) =>
						tx.objectStore('therapistPrograms').put({
							id: doc.id,
							version: 1,
							childName: doc.child.name,
							document: doc,
							history: [doc],
							createdAt: i,
							updatedAt: i
						})
					);
					tx.oncomplete = () => resolve();
					tx.onerror = () => reject(tx.error);
				};
			}),
		docs
	);
}
