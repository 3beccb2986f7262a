import { beforeEach, describe, expect, it } from 'vitest';
import * as checkinsTable from '$lib/db/checkins';
import { HomeplayDatabase, useDatabase } from '$lib/db/database';
import * as programsTable from '$lib/db/programs';
import * as reminderSettings from '$lib/db/reminder-settings';
import type { CheckInStatus, ReminderSetting } from '$lib/db/types';
import { maybeSkipToday } from '$lib/reminders/skip-today';
import { newReminderTag } from '$lib/reminders/tag';
import { checkinId } from '$lib/schedule/due';
import { sampleProgram } from './fixtures/programs';

const DATE = '2026-06-03'; // a Wednesday
const SUBSCRIPTION_ID = 'AbCdEfGhIjKlMnOpQrStUv';
const SECRET = 'secret-of-this-device-0123456789';

interface Call {
	url: string;
	method: string;
	headers: Record<string, string>;
	body: unknown;
}

/** A fetch that records each request and answers with `answer` (or throws, like offline). */
function recordingFetch(answer: () => Response | Promise<Response>) {
	const calls: Call[] = [];
	const fetchImpl: typeof fetch = async (input, init) => {
		calls.push({
			url: String(input),
			method: init?.method ?? 'GET',
			headers: { ...(init?.headers as Record<string, string>) },
			body: init?.body ? JSON.parse(String(init.body)) : undefined
		});
		return answer();
	};
	return { calls, fetchImpl };
}
const noContent = () => new Response(null, { status: 204 });
const offline = (): Response => {
	throw new TypeError('Failed to fetch');
};

let childId: string;
let items: { programId: string; itemId: string }[];
let setting: ReminderSetting;

beforeEach(async () => {
	useDatabase(new HomeplayDatabase(`skip-${crypto.randomUUID()}`));
	const doc = sampleProgram({ libraryItems: 3, customItems: 1, noteLength: 0 });
	for (const item of doc.items) item.schedule = { days: [0, 1, 2, 3, 4, 5, 6] };
	doc.startDate = '2026-05-01';
	({ childId } = await programsTable.importProgram(
		doc,
		{ newChild: true },
		Date.parse('2026-05-01T08:00:00Z')
	));
	items = doc.items.map((item) => ({ programId: doc.id, itemId: item.id }));
	setting = {
		childId,
		times: [{ time: '18:00', days: [0, 1, 2, 3, 4, 5, 6] }],
		timeZone: 'Europe/Berlin',
		enabled: true,
		tag: newReminderTag(),
		subscriptionId: SUBSCRIPTION_ID,
		secret: SECRET
	};
	await reminderSettings.put(setting);
});

/** Logs items `from`…`to - 1` of the program. */
async function log(to: number, status: CheckInStatus = 'done', date = DATE, from = 0) {
	for (const { programId, itemId } of items.slice(from, to)) {
		await checkinsTable.record({
			id: checkinId(programId, itemId, date),
			childId,
			programId,
			itemId,
			date,
			status,
			createdAt: 1,
			updatedAt: 1
		});
	}
}

describe('maybeSkipToday', () => {
	it('once everything due is logged, calls the skip endpoint once with only id, secret, tag and date', async () => {
		await log(3);
		await log(4, 'not-today', DATE, 3); // an honest "not today" is an answer too
		const { calls, fetchImpl } = recordingFetch(noContent);

		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: fetchImpl });

		expect(calls).toHaveLength(1);
		const [call] = calls;
		expect(call.method).toBe('POST');
		expect(call.url).toBe(`/api/subscriptions/${SUBSCRIPTION_ID}/skip`);
		expect(call.headers.authorization).toBe(`Bearer ${SECRET}`);
		expect(call.body).toEqual({ tag: setting.tag, date: DATE });
		const sent = JSON.stringify(call);
		for (const secretOfTheChild of [childId, 'Mia', 'Button her coat'])
			expect(sent).not.toContain(secretOfTheChild);
		expect((await reminderSettings.get(childId))?.skippedOn).toBe(DATE);

		// Sent once: logging again the same day does not send it again.
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: fetchImpl });
		expect(calls).toHaveLength(1);
	});

	it('sends nothing while something due is still open', async () => {
		await log(3);
		await log(4, 'done', '2026-06-02', 3); // yesterday's check-in does not count for today
		const { calls, fetchImpl } = recordingFetch(noContent);
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: fetchImpl });
		expect(calls).toHaveLength(0);
		expect((await reminderSettings.get(childId))?.skippedOn).toBeUndefined();
	});

	it('swallows an offline failure and sends it on the next call', async () => {
		await log(4);
		const failing = recordingFetch(offline);
		await expect(
			maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: failing.fetchImpl })
		).resolves.toBeUndefined();
		expect(failing.calls).toHaveLength(1);
		expect((await reminderSettings.get(childId))?.skippedOn).toBeUndefined();

		// A server error is retried too.
		const erroring = recordingFetch(() => new Response('{"error":"busy"}', { status: 503 }));
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: erroring.fetchImpl });
		expect((await reminderSettings.get(childId))?.skippedOn).toBeUndefined();

		const working = recordingFetch(noContent);
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: working.fetchImpl });
		expect(working.calls).toHaveLength(1);
		expect(working.calls[0].body).toEqual({ tag: setting.tag, date: DATE });
		expect((await reminderSettings.get(childId))?.skippedOn).toBe(DATE);
	});

	it('sends one request when two check-ins finish the day at the same moment', async () => {
		await log(4);
		const { calls, fetchImpl } = recordingFetch(noContent);
		await Promise.all([
			maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: fetchImpl }),
			maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: fetchImpl })
		]);
		expect(calls).toHaveLength(1);
	});

	it('does not retry a refusal that would fail again (the subscription is gone)', async () => {
		await log(4);
		const gone = recordingFetch(
			() => new Response('{"error":"No such subscription."}', { status: 404 })
		);
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: gone.fetchImpl });
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: gone.fetchImpl });
		expect(gone.calls).toHaveLength(1);
	});

	it('does nothing for a child without a server subscription, or with reminders off', async () => {
		await log(4);
		const { calls, fetchImpl } = recordingFetch(noContent);
		await reminderSettings.put({ ...setting, subscriptionId: undefined, secret: undefined });
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: fetchImpl });
		await reminderSettings.put({ ...setting, enabled: false });
		await maybeSkipToday(childId, DATE, { weekStartsOn: 1, fetch: fetchImpl });
		await maybeSkipToday('no-such-child', DATE, { weekStartsOn: 1, fetch: fetchImpl });
		expect(calls).toHaveLength(0);
	});
});
