import type { KidStep } from '$lib/content/library-types';
import type { PlannedItem } from '$lib/schedule/due';

/**
 * The practice schedule: today's due activities from the home program, as the child's picture
 * steps. Finishing the last step of an activity is the same as the family logging it done.
 */
export interface PracticeActivity {
	programId: string;
	itemId: string;
	title: string;
	pictogram: string;
	steps: (KidStep & { id: string })[];
}

export const practiceScheduleId = (childId: string) => `practice:${childId}`;

export function practiceSchedule(
	due: readonly PlannedItem[],
	describe: (p: PlannedItem) => { title: string; pictogram: string; kidSteps: readonly KidStep[] }
): PracticeActivity[] {
	return due.map((p) => {
		const view = describe(p);
		const steps = view.kidSteps.length
			? view.kidSteps
			: [{ text: view.title.slice(0, 40), pictogram: view.pictogram }];
		return {
			programId: p.programId,
			itemId: p.item.id,
			title: view.title,
			pictogram: view.pictogram,
			steps: steps.map((step, i) => ({ ...step, id: `${p.programId}:${p.item.id}#${i}` }))
		};
	});
}

/** Activities whose every step is now checked, that were not complete before this check. */
export function newlyCompleted(
	activities: readonly PracticeActivity[],
	before: readonly string[],
	after: readonly string[]
): PracticeActivity[] {
	const complete = (done: readonly string[], a: PracticeActivity) =>
		a.steps.every((step) => done.includes(step.id));
	return activities.filter((a) => complete(after, a) && !complete(before, a));
}
