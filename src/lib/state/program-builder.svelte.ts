import * as settings from '$lib/db/settings';
import * as therapistPrograms from '$lib/db/therapist-programs';
import type { TherapistProgram } from '$lib/db/types';
import type { Activity } from '$lib/content/library-types';
import { programLink } from '$lib/link/program-link';
import {
	asTemplate,
	draftProblems,
	emptyDraft,
	finish,
	type Draft,
	type DraftProblem
} from '$lib/program/draft';
import { randomId, type ProgramItem } from '$lib/program/model';
import { library } from './library.svelte';

interface TherapistProfile {
	name: string;
	clinic?: string;
	contact?: string;
}

/**
 * The program the therapist is building: a draft that becomes a new saved version, and the link
 * for the version saved last. One builder at a time, so one shared instance.
 */
class ProgramBuilder {
	draft = $state<Draft>(emptyDraft());
	/** The saved row this draft edits, if any. */
	saved = $state<TherapistProgram>();
	link = $state<string>();
	problems = $state<DraftProblem[]>([]);
	showProblems = $state(false);
	loading = $state(true);
	/** True when the draft differs from what was saved (or was never saved). */
	dirty = $derived(
		!this.saved ||
			JSON.stringify({ ...this.draft, version: 0 }) !==
				JSON.stringify({ ...this.saved.document, version: 0 })
	);

	/** Opens a saved program for editing, a copy of one as a template, or a new program. */
	async open(options: { id?: string; template?: string }) {
		this.loading = true;
		this.link = undefined;
		this.problems = [];
		this.showProblems = false;
		const row = options.id
			? await therapistPrograms.get(options.id)
			: options.template
				? await therapistPrograms.get(options.template)
				: undefined;
		if (row && options.id) {
			this.saved = row;
			this.draft = structuredClone(row.document);
			this.link = await programLink(location.origin, row.document);
		} else {
			this.saved = undefined;
			this.draft = row ? asTemplate(row.document) : emptyDraft();
			if (!row) {
				const profile = await settings.get<TherapistProfile | undefined>(
					'therapistProfile',
					undefined
				);
				if (profile) this.draft.therapist = { ...profile };
			}
		}
		this.loading = false;
	}

	/** Adds a library activity with its suggested dosage and first routine anchor. */
	addActivity(activity: Activity) {
		const used = new Set(this.draft.items.map((item) => item.id));
		let id = activity.id;
		for (let n = 2; used.has(id); n++) id = `${activity.id}-${n}`;
		this.draft.items.push({
			id,
			activityId: activity.id,
			schedule: { timesPerWeek: activity.dosage.timesPerWeek },
			amount:
				activity.dosage.minutes !== undefined
					? { minutes: activity.dosage.minutes }
					: { reps: activity.dosage.reps ?? 10, sets: activity.dosage.sets ?? 1 },
			anchor: activity.routineAnchors[0] ?? 'any time'
		});
		this.refresh();
	}

	async addActivityById(id: string) {
		const activity = await library.detail(id);
		if (activity) this.addActivity(activity);
	}

	addCustom(): ProgramItem {
		const item: ProgramItem = {
			id: `c${randomId(6)}`,
			custom: {
				title: '',
				pictogram: 'star',
				steps: [''],
				kidSteps: [{ text: '', pictogram: 'star' }]
			},
			schedule: { timesPerWeek: 3 },
			amount: { minutes: 10 },
			anchor: 'any time'
		};
		this.draft.items.push(item);
		this.refresh();
		return this.draft.items[this.draft.items.length - 1];
	}

	move(from: number, to: number) {
		const items = this.draft.items;
		if (to < 0 || to >= items.length || from === to) return;
		const [item] = items.splice(from, 1);
		items.splice(to, 0, item);
	}

	removeItem(index: number): { item: ProgramItem; index: number } {
		const [item] = this.draft.items.splice(index, 1);
		this.refresh();
		return { item: $state.snapshot(item) as ProgramItem, index };
	}

	restoreItem(removed: { item: ProgramItem; index: number }) {
		this.draft.items.splice(Math.min(removed.index, this.draft.items.length), 0, removed.item);
		this.refresh();
	}

	/** Re-checks the draft (the list is shown once the therapist has tried to save). */
	refresh() {
		this.problems = draftProblems($state.snapshot(this.draft) as Draft);
	}

	/**
	 * Saves the draft as the program's next version and makes its link; returns false (and shows
	 * the problems) when the draft is not ready.
	 */
	async save(): Promise<boolean> {
		this.refresh();
		this.showProblems = true;
		const doc = finish($state.snapshot(this.draft) as Draft);
		if (!doc) return false;
		const row = await therapistPrograms.saveVersion(doc);
		await settings.put('therapistProfile', doc.therapist);
		this.saved = row;
		this.draft = structuredClone(row.document);
		this.link = await programLink(location.origin, row.document);
		this.showProblems = false;
		return true;
	}
}

export const programBuilder = new ProgramBuilder();
