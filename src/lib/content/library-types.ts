import type { Activity } from './activity-schema.ts';
import type { AgeBand, GoalArea, Setting } from './taxonomy.ts';

export type { Activity, Dosage, KidStep } from './activity-schema.ts';

/** One row of `/activities/index.json`: what browsing and search need, nothing more. */
export interface IndexEntry {
	id: string;
	title: string;
	summary: string;
	goalAreas: GoalArea[];
	ageBands: AgeBand[];
	settings: Setting[];
	minutes?: number;
	pictogram: string;
	/** Materials joined into one string: searched, never shown from the index. */
	materials: string;
	retired?: true;
}

export type LibraryIndex = IndexEntry[];

export function toIndexEntry(activity: Activity): IndexEntry {
	const entry: IndexEntry = {
		id: activity.id,
		title: activity.title,
		summary: activity.summary,
		goalAreas: activity.goalAreas,
		ageBands: activity.ageBands,
		settings: activity.settings,
		pictogram: activity.pictogram,
		materials: activity.materials.join('; ')
	};
	if (activity.dosage.minutes) entry.minutes = activity.dosage.minutes;
	if (activity.retired) entry.retired = true;
	return entry;
}
