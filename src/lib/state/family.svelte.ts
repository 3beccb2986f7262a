import * as childrenTable from '$lib/db/children';
import * as programsTable from '$lib/db/programs';
import * as settings from '$lib/db/settings';
import type { Child, Program } from '$lib/db/types';
import type { ProgramPlan } from '$lib/schedule/due';
import { weekStartFor, type WeekStart } from '$lib/schedule/week';
import { locale } from './locale.svelte';

/**
 * The family's children and their programs, and which child the screens show. Loaded once per
 * page load and reloaded after an import; all from IndexedDB, so it works offline.
 */
class Family {
	children = $state.raw<Child[]>([]);
	programs = $state.raw<Program[]>([]);
	currentChildId = $state<string>();
	loaded = $state(false);

	current = $derived(
		this.children.find((child) => child.id === this.currentChildId) ?? this.children[0]
	);
	/** The current child's programs as schedule plans. */
	plans = $derived<ProgramPlan[]>(
		this.programs
			.filter((program) => program.childId === this.current?.id)
			.map(programsTable.toPlan)
	);
	weekStartsOn = $derived<WeekStart>(weekStartFor(locale.current));

	async load() {
		const [children, programs, current] = await Promise.all([
			childrenTable.list(),
			programsTable.list(),
			settings.get<string | undefined>('currentChild', undefined)
		]);
		this.children = children;
		this.programs = programs;
		this.currentChildId = children.some((c) => c.id === current) ? current : children[0]?.id;
		this.loaded = true;
	}

	async choose(childId: string) {
		this.currentChildId = childId;
		await settings.put('currentChild', childId);
	}
}

export const family = new Family();
