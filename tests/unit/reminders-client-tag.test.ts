import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Child } from '$lib/db/types';
import { draftFrom, settingFrom } from '$lib/reminders/draft';
import { isReminderTag, newReminderTag } from '$lib/reminders/tag';
import { testBodySchema } from '$lib/server/reminders/request-schema';

const child = (id: string, name: string): Child => ({ id, name, ageBand: '3-5', createdAt: 1 });

describe('reminder tags', () => {
	it('are random, and of the shape the server accepts', () => {
		const tags = Array.from({ length: 2000 }, () => newReminderTag());
		expect(new Set(tags).size).toBe(tags.length);
		for (const tag of tags.slice(0, 50)) {
			expect(isReminderTag(tag)).toBe(true);
			expect(v.safeParse(testBodySchema, { tag }).success).toBe(true);
		}
	});

	it('come from random bytes only', () => {
		// The same random bytes give the same tag: there is no other input.
		const bytes = Uint8Array.from({ length: 18 }, (_, i) => i * 13);
		const fixed = (target: Uint8Array<ArrayBuffer>) => (target.set(bytes), target);
		expect(newReminderTag(fixed)).toBe(newReminderTag(fixed));
		expect(newReminderTag(fixed)).toBe(Buffer.from(bytes).toString('base64url'));
	});

	it('are not derived from the child: twins of the same name get different tags', () => {
		const a = child('11111111-1111-4111-8111-111111111111', 'Sam');
		const b = child('22222222-2222-4222-8222-222222222222', 'Sam');
		const rows = [a, b].map((c) =>
			settingFrom(draftFrom(undefined, '2026-06-03'), c.id, 'UTC', undefined)
		);
		expect(rows[0].tag).not.toBe(rows[1].tag);
		for (const [i, c] of [a, b].entries()) {
			const tag = rows[i].tag!;
			expect(tag).not.toContain(c.name);
			expect(tag).not.toContain(c.id.replace(/-/g, '').slice(0, 8));
		}
	});

	it('stay the same for a child once stored (the calendar file keeps its event ids)', () => {
		const stored = settingFrom(draftFrom(undefined, '2026-06-03'), 'c1', 'UTC', undefined);
		const again = settingFrom(draftFrom(stored, '2026-06-04'), 'c1', 'UTC', stored);
		expect(again.tag).toBe(stored.tag);
	});
});
