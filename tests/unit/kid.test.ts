import { describe, expect, it } from 'vitest';
import { hashPin, isPin, newSum, verifyPin } from '$lib/kid/gate';
import { newlyCompleted, practiceSchedule } from '$lib/kid/practice';
import { rewardProgress, starsForRun } from '$lib/kid/stars';
import { STEP_MAX, STEP_WARNING, TEMPLATES } from '$lib/kid/templates';
import type { PlannedItem } from '$lib/schedule/due';
import { sampleProgram } from './fixtures/programs';

describe('parent gate', () => {
	it('stores a PIN only as a salted hash and verifies it', async () => {
		const stored = await hashPin('2580', 1000);
		expect(JSON.stringify(stored)).not.toContain('2580');
		expect(stored.salt).toMatch(/^[0-9a-f]{32}$/);
		expect(await verifyPin('2580', stored)).toBe(true);
		expect(await verifyPin('2581', stored)).toBe(false);
		expect(await verifyPin('25800', stored)).toBe(false);
		const again = await hashPin('2580', 1000);
		expect(again.hash).not.toBe(stored.hash);
		await expect(hashPin('12a4')).rejects.toThrow();
		expect(isPin('0000')).toBe(true);
		expect((await hashPin('1234')).iterations).toBeGreaterThanOrEqual(100_000);
	});

	it('asks sums of two numbers from 6 to 19', () => {
		const values = [0, 0.5, 0.9999].map((r) => newSum(() => r));
		expect(values.map((s) => [s.a, s.b, s.answer])).toEqual([
			[6, 6, 12],
			[13, 13, 26],
			[19, 19, 38]
		]);
	});
});

describe('stars and rewards', () => {
	it('gives a star for a finished run and fills the reward', () => {
		expect(starsForRun(['a', 'b'], ['a', 'b'])).toBe(1);
		expect(starsForRun(['a'], ['a', 'b'])).toBe(0);
		expect(starsForRun([], [])).toBe(0);
		const goal = { stars: 5, label: 'park trip', since: '2026-11-01' };
		expect(rewardProgress(3, goal)).toMatchObject({ shown: 3, reached: false, fraction: 0.6 });
		expect(rewardProgress(7, goal)).toMatchObject({ shown: 5, reached: true });
		expect(rewardProgress(3, undefined)).toBeUndefined();
	});
});

describe('practice schedule', () => {
	it('turns due activities into picture steps and notices when one is complete', () => {
		const doc = sampleProgram({ libraryItems: 2, customItems: 1 });
		const due: PlannedItem[] = doc.items.map((item) => ({
			programId: doc.id,
			doc,
			item,
			due: true
		}));
		const schedule = practiceSchedule(due, (p) => ({
			title: p.item.custom?.title ?? p.item.activityId!,
			pictogram: 'star',
			kidSteps:
				p.item.custom?.kidSteps ??
				(p.item.activityId === 'bead-threading'
					? [{ text: 'Pick a bead.', pictogram: 'thread' }]
					: [])
		}));
		expect(schedule.map((a) => a.steps.length)).toEqual([1, 1, 2]);
		// An activity without kid steps still gets one step: its title.
		expect(schedule[1].steps[0].text).toBe('putty-treasure-hunt');
		const ids = schedule[2].steps.map((s) => s.id);
		expect(newlyCompleted(schedule, [ids[0]], ids).map((a) => a.itemId)).toEqual(['custom0']);
		expect(newlyCompleted(schedule, ids, ids)).toEqual([]);
	});
});

describe('templates', () => {
	it('stay within the step limits', () => {
		for (const template of TEMPLATES) {
			expect(template.steps.length).toBeLessThanOrEqual(STEP_WARNING);
			if (template.kind === 'first-then') expect(template.steps).toHaveLength(2);
		}
		expect(STEP_MAX).toBe(12);
	});
});
