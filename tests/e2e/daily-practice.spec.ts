import { expect, test, type Page } from '@playwright/test';
import { chooseRole, expectNoAxeViolations, waitForServiceWorker } from './helpers';
import { addProgram, everyDayProgram, seedTherapistPrograms } from './support/family';

const card = (page: Page, title: string) => page.getByRole('article', { name: title });
const answer = (page: Page, title: string, label: string) =>
	card(page, title).getByRole('button', { name: label, exact: true });

test('check in three activities (one "not today"), undo, details, and it is all there offline', async ({
	page,
	context,
	baseURL
}) => {
	await chooseRole(page, 'family');
	await waitForServiceWorker(page);
	// The program reached this phone two days ago (so yesterday is in the plan).
	await page.clock.setSystemTime(Date.now() - 2 * 86_400_000);
	await addProgram(page, baseURL!, everyDayProgram());
	await page.clock.setSystemTime(Date.now());
	await page.goto('/today');
	await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'logged today' })).toHaveText(
		'0 of 4 logged today'
	);
	await expectNoAxeViolations(page, 'today before logging');

	await answer(page, 'Bead threading', 'Done').click();
	await expect(answer(page, 'Bead threading', 'Done')).toHaveAttribute('aria-pressed', 'true');
	// Undo right after: the answer goes away again.
	await card(page, 'Bead threading').getByRole('button', { name: 'Undo Bead threading' }).click();
	await expect(answer(page, 'Bead threading', 'Done')).toHaveAttribute('aria-pressed', 'false');

	await answer(page, 'Bead threading', 'Done').click();
	await answer(page, 'Putty treasure hunt', 'Partly').click();
	await answer(page, 'Animal walk parade', 'Not today').click();
	await expect(page.getByText('3 of 4 logged today')).toBeVisible();
	await expect(card(page, 'Animal walk parade').getByText('Logged: Not today')).toBeVisible();

	// Optional details: how it went and minutes.
	const bead = card(page, 'Bead threading');
	await bead.getByText('Add details (optional)').click();
	await bead.getByRole('radio', { name: 'Easy', exact: true }).check();
	await bead.getByLabel('Minutes').fill('12');
	await bead.getByLabel('Minutes').blur();
	await expectNoAxeViolations(page, 'today after logging');

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByText('3 of 4 logged today')).toBeVisible();
	await expect(answer(page, 'Bead threading', 'Done')).toHaveAttribute('aria-pressed', 'true');
	await expect(answer(page, 'Putty treasure hunt', 'Partly')).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(answer(page, 'Animal walk parade', 'Not today')).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await card(page, 'Bead threading').getByText('Add details (optional)').click();
	await expect(
		card(page, 'Bead threading').getByRole('radio', { name: 'Easy', exact: true })
	).toBeChecked();
	await expect(card(page, 'Bead threading').getByLabel('Minutes')).toHaveValue('12');

	// Yesterday can be filled in too.
	await page.getByRole('button', { name: '← Day before' }).click();
	await answer(page, 'Bead threading', 'Done').click();
	await expect(page.getByText('1 of 4 logged today')).toBeVisible();
	await page.getByRole('link', { name: 'Week' }).click();
	await expect(page.getByRole('table')).toBeVisible();
	await expectNoAxeViolations(page, 'week view');
	await context.setOffline(false);
});

test('a guided practice session runs a timer and saves its check-ins together', async ({
	page,
	baseURL
}) => {
	await chooseRole(page, 'family');
	await addProgram(page, baseURL!, everyDayProgram());
	await page.clock.install();
	await page.goto('/today');
	await answer(page, 'Bead threading', 'Done').click();
	await page.getByRole('link', { name: 'Start practice' }).click();

	await expect(page.getByText('Activity 1 of 3')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Putty treasure hunt', level: 2 })).toBeVisible();
	await expectNoAxeViolations(page, 'guided practice');
	await page.getByRole('button', { name: 'Done, next' }).click();
	await page.getByRole('button', { name: 'Skip' }).click();

	await expect(page.getByRole('heading', { name: 'Sock sorting race', level: 2 })).toBeVisible();
	await expect(page.getByRole('timer')).toHaveText('1:00');
	await page.getByRole('button', { name: 'Start the timer' }).click();
	await page.clock.fastForward(30_000);
	await expect(page.getByRole('timer')).toHaveText('0:30');
	await page.getByRole('button', { name: 'Pause' }).click();
	await page.clock.fastForward(60_000);
	await expect(page.getByRole('timer')).toHaveText('0:30');
	await page.getByRole('button', { name: 'Resume' }).click();
	await page.clock.fastForward(31_000);
	await expect(page.getByText('Time is up. Well done!')).toBeVisible();
	await page.getByRole('button', { name: 'Done, next' }).click();

	await expect(page.getByRole('heading', { name: 'Practice summary' })).toBeVisible();
	await expect(page.getByText('Animal walk parade: skipped')).toBeVisible();
	await expect(page.getByText('Sock sorting race: done, 1 min')).toBeVisible();
	await page.getByRole('button', { name: "Save to today's log" }).click();
	await expect(page.getByText('Saved. Great practice today!')).toBeVisible();

	await page.getByRole('link', { name: 'Back to today' }).click();
	await expect(page.getByText('3 of 4 logged today')).toBeVisible();
	await expect(answer(page, 'Putty treasure hunt', 'Done')).toHaveAttribute('aria-pressed', 'true');
	await expect(answer(page, 'Sock sorting race', 'Done')).toHaveAttribute('aria-pressed', 'true');
	await expect(answer(page, 'Animal walk parade', 'Done')).toHaveAttribute('aria-pressed', 'false');
});

test('progress shows adherence, and the report link shows the therapist the same figures', async ({
	page,
	browser,
	baseURL
}) => {
	const doc = everyDayProgram();
	await chooseRole(page, 'family');
	await page.clock.setSystemTime(Date.now() - 2 * 86_400_000);
	await addProgram(page, baseURL!, doc);
	await page.clock.setSystemTime(Date.now());
	await page.goto('/today');
	await answer(page, 'Bead threading', 'Done').click();
	await answer(page, 'Putty treasure hunt', 'Not today').click();
	await card(page, 'Bead threading').getByText('Add details (optional)').click();
	await card(page, 'Bead threading').getByLabel('Note').fill('She threaded ten beads!');
	await card(page, 'Bead threading').getByLabel('Note').blur();
	await page.getByRole('button', { name: '← Day before' }).click();
	await answer(page, 'Sock sorting race', 'Partly').click();

	await page.goto('/progress');
	await expect(page.getByText('2 days of practice')).toBeVisible();
	const overall = await page.getByTestId('overall').innerText();
	expect(overall).toMatch(/^\d+ % of what was planned/);
	await expectNoAxeViolations(page, 'progress');

	await page.getByRole('link', { name: 'Send a progress report to your therapist' }).click();
	const note = page.getByRole('checkbox', { name: /She threaded ten beads!/ });
	await expect(note).not.toBeChecked();
	await note.check();
	const familyFigure = await page.getByTestId('report-overall').innerText();
	const familyRows = await page.getByTestId('adherence').allInnerTexts();
	await expectNoAxeViolations(page, 'report builder');
	await page.getByRole('button', { name: 'Create report link' }).click();
	const link = await page.getByLabel('Report link').inputValue();
	expect(link).toMatch(/\/r#[A-Za-z0-9_-]+$/);

	// The therapist's device has the program; the report opens read-only beside it.
	const therapist = await browser.newContext();
	const tPage = await therapist.newPage();
	await chooseRole(tPage, 'therapist');
	await seedTherapistPrograms(tPage, [doc]);
	await tPage.goto(link);
	await expect(tPage.getByRole('heading', { name: 'Progress report for Mia' })).toBeVisible();
	expect(await tPage.getByTestId('report-overall').innerText()).toBe(familyFigure);
	expect(await tPage.getByTestId('adherence').allInnerTexts()).toEqual(familyRows);
	await expect(tPage.getByText('She threaded ten beads!')).toBeVisible();
	await expect(tPage.getByRole('heading', { name: 'The program (version 1)' })).toBeVisible();
	await expect(tPage.getByRole('link', { name: 'Open the program' })).toBeVisible();
	await expectNoAxeViolations(tPage, 'report for the therapist');

	await tPage.goto(link.slice(0, -8));
	await expect(tPage.getByText('This report link is damaged or incomplete')).toBeVisible();
	await therapist.close();
});
