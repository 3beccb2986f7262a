import * as checkinsTable from '$lib/db/checkins';
import * as programsTable from '$lib/db/programs';
import * as reminderSettings from '$lib/db/reminder-settings';
import { weekOf, weekStartFor, type IsoDate, type WeekStart } from '$lib/schedule/week';
import { locale } from '$lib/state/locale.svelte';
import { ReminderApiError, skipReminders } from './api-client';
import { unloggedDue } from './due-today';

export interface SkipTodayOptions {
	/** The week start the Today screen uses (it decides what "N times a week" makes due). */
	weekStartsOn?: WeekStart;
	fetch?: typeof fetch;
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Once everything due on `date` for a child is logged (any answer, "not today" included), tells
 * the reminder server to send no more reminders for that child that day. The server gets only
 * the subscription id and secret, the child's opaque tag and the date.
 *
 * Sent once: the day is kept as `skippedOn` in the child's reminder row when the server
 * accepted it. A failure (offline, server unreachable) is swallowed and nothing is kept, so the
 * next call sends it again: call this after a check-in is saved, and on app start. Never
 * throws; does nothing for a child without a server subscription.
 */
export function maybeSkipToday(
	childId: string,
	date: IsoDate,
	options: SkipTodayOptions = {}
): Promise<void> {
	// Two check-ins saved in a row must not send the same skip twice.
	const key = `${childId}|${date}`;
	const running = inFlight.get(key);
	if (running) return running;
	const work = skipIfAllLogged(childId, date, options)
		.catch(() => {
			// Offline or the server failed: nothing was recorded, so the next call retries.
		})
		.finally(() => inFlight.delete(key));
	inFlight.set(key, work);
	return work;
}

async function skipIfAllLogged(childId: string, date: IsoDate, options: SkipTodayOptions) {
	const setting = await reminderSettings.get(childId);
	if (!setting?.subscriptionId || !setting.secret || !setting.tag) return;
	if (setting.enabled === false || setting.skippedOn === date) return;

	const weekStartsOn = options.weekStartsOn ?? weekStartFor(locale.current);
	const [programs, checkins] = await Promise.all([
		programsTable.listForChild(childId),
		checkinsTable.listForChild(childId, weekOf(date, weekStartsOn), date)
	]);
	const open = unloggedDue(programs.map(programsTable.toPlan), checkins, date, weekStartsOn);
	if (open.length > 0) return;

	try {
		await skipReminders(
			{ id: setting.subscriptionId, secret: setting.secret },
			{ tag: setting.tag, date },
			options.fetch
		);
	} catch (error) {
		// Worth another try: no network, a server error or "too many requests". Any other refusal
		// (the subscription is gone, a date the server will not take) would fail the same way
		// again, so it is recorded as done.
		const status = error instanceof ReminderApiError ? error.status : 0;
		if (status === 0 || status === 429 || status >= 500) throw error;
	}
	// Only if the row still belongs to the same subscription (it may have been turned off).
	const now = await reminderSettings.get(childId);
	if (now?.subscriptionId === setting.subscriptionId) {
		await reminderSettings.update(childId, { skippedOn: date });
	}
}
