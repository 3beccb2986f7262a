import type { IndexEntry, KidStep } from '$lib/content/library-types';
import type { ProgramItem } from './model';

/** What a screen needs to show a program item, from the library or from the item itself. */
export interface ItemView {
	title: string;
	pictogram: string;
	summary?: string;
	/** Library activity id, when the item is one. */
	activityId?: string;
	/** Custom items carry their steps; library items' steps are in the activity detail. */
	steps?: string[];
	kidSteps?: KidStep[];
	known: boolean;
}

/** Describes an item using the library index; an id the library lacks is `known: false`. */
export function describeItem(
	item: ProgramItem,
	index: ReadonlyMap<string, IndexEntry> | undefined
): ItemView {
	if (item.custom)
		return {
			title: item.custom.title,
			pictogram: item.custom.pictogram,
			steps: item.custom.steps,
			kidSteps: item.custom.kidSteps,
			known: true
		};
	const entry = index?.get(item.activityId ?? '');
	return entry
		? {
				title: entry.title,
				pictogram: entry.pictogram,
				summary: entry.summary,
				activityId: entry.id,
				known: true
			}
		: { title: item.activityId ?? '?', pictogram: 'red-question-mark', known: false };
}

/** Library ids a program refers to that this app's library does not have. */
export function unknownActivities(
	items: readonly ProgramItem[],
	index: ReadonlyMap<string, IndexEntry>
): string[] {
	return items
		.filter((item) => item.activityId !== undefined && !index.has(item.activityId))
		.map((item) => item.activityId!);
}
