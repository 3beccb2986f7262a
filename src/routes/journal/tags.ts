import type { Program } from '$lib/db/types';
import { GOAL_AREAS, type GoalArea } from '$lib/content/taxonomy';
import { goalLabel } from '$lib/i18n/labels';
import { describeItem } from '$lib/program/items';
import { library } from '$lib/state/library.svelte';

/** Journal tags: `goal:<area>` or `item:<programId>:<itemId>` (an activity of the program). */
export function tagLabel(tag: string, programs: readonly Program[]): string {
	const [kind, ...rest] = tag.split(':');
	if (kind === 'goal' && (GOAL_AREAS as readonly string[]).includes(rest[0]))
		return goalLabel(rest[0] as GoalArea);
	if (kind === 'item') {
		const program = programs.find((p) => p.id === rest[0]);
		const item = program?.document.items.find((i) => i.id === rest[1]);
		if (item) return describeItem(item, library.byId).title;
	}
	return rest.join(':') || tag;
}
