import * as reminderSettings from '$lib/db/reminder-settings';
import type { ReminderSetting } from '$lib/db/types';
import {
	createSubscription,
	deleteSubscription,
	getPushPublicKey,
	pushSubscriptionInput,
	ReminderApiError,
	sendTestReminder,
	updateSubscription
} from './api-client';
import { PushSetupError, type PushProblem } from './push-device';
import type { PushSubscriptionInput, ReminderInput, SubscriptionBody } from './types';

/**
 * Brings the reminder server in line with the reminder rows on this device: one server
 * subscription per child with reminders on (this device's push endpoint, the time zone, and the
 * child's random tag with its times and pause), none for a child with reminders off.
 *
 * The server never sees anything else: no child id, no name, no program.
 */

export type ServerProblem = 'offline' | 'unreachable' | 'no-api' | 'refused';
export type SyncProblem = ServerProblem | PushProblem;

export type SyncResult =
	| { state: 'on' }
	| { state: 'off' }
	/** The row is saved on this device only; `problem` says why the server does not have it. */
	| { state: 'local'; problem: SyncProblem; detail?: string };

export interface SyncDeps {
	/** This device's push subscription for the server key (see `subscribeThisDevice`). */
	subscribe: (publicKey: string) => Promise<PushSubscription | PushSubscriptionJSON>;
	/** Called when no child has reminders on any more. */
	unsubscribe?: () => Promise<void>;
	fetch?: typeof fetch;
	online?: () => boolean;
}

/** Whether a row asks for push reminders. */
export const wantsReminders = (row: ReminderSetting) =>
	row.enabled !== false && row.times.length > 0;

/** The only reminder data the server gets for a child. */
export function reminderInput(row: ReminderSetting & { tag: string }): ReminderInput {
	const input: ReminderInput = {
		tag: row.tag,
		times: row.times.map(({ time, days }) => ({ time, days: [...days] }))
	};
	if (row.pausedUntil) input.pausedUntil = row.pausedUntil;
	return input;
}

/**
 * Syncs the rows of `childIds` (already stored on this device) with the server and records the
 * subscription id and secret of each. Never throws: each child gets a result.
 */
export async function syncReminders(
	childIds: readonly string[],
	deps: SyncDeps
): Promise<Map<string, SyncResult>> {
	const results = new Map<string, SyncResult>();
	const rows = (await Promise.all(childIds.map((id) => reminderSettings.get(id)))).filter(
		(row): row is ReminderSetting => row !== undefined
	);
	const online = deps.online ?? (() => typeof navigator === 'undefined' || navigator.onLine);
	const fetchImpl = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

	for (const row of rows.filter((r) => !wantsReminders(r))) {
		results.set(row.childId, await turnOff(row, fetchImpl, online()));
	}

	const turningOn = rows.filter(wantsReminders);
	if (turningOn.length > 0) {
		let subscription: PushSubscriptionInput | undefined;
		let failed: SyncResult | undefined;
		if (!online()) failed = { state: 'local', problem: 'offline' };
		else {
			try {
				subscription = pushSubscriptionInput(
					await deps.subscribe(await getPushPublicKey(fetchImpl))
				);
			} catch (error) {
				failed = local(error);
			}
		}
		for (const row of turningOn) {
			results.set(
				row.childId,
				failed ?? (await turnOn(row, subscription!, fetchImpl).catch((error) => local(error)))
			);
		}
	}

	const anyOn = (await reminderSettings.list()).some((row) => row.subscriptionId);
	if (!anyOn && deps.unsubscribe) await deps.unsubscribe();
	return results;
}

async function turnOn(
	row: ReminderSetting,
	subscription: PushSubscriptionInput,
	fetchImpl: typeof fetch
): Promise<SyncResult> {
	const tag = row.tag;
	if (!tag) throw new Error('A reminder row without a tag');
	const body: SubscriptionBody = {
		subscription,
		timeZone: row.timeZone,
		reminders: [reminderInput({ ...row, tag })]
	};
	if (row.subscriptionId && row.secret) {
		try {
			await updateSubscription({ id: row.subscriptionId, secret: row.secret }, body, fetchImpl);
			return { state: 'on' };
		} catch (error) {
			// The server forgot it (the push service reported it gone, or its data was reset):
			// register again below. Anything else is a real failure.
			if (!(error instanceof ReminderApiError) || ![401, 404].includes(error.status)) throw error;
		}
	}
	const created = await createSubscription(body, fetchImpl);
	await reminderSettings.update(row.childId, {
		subscriptionId: created.id,
		secret: created.secret,
		skippedOn: undefined
	});
	return { state: 'on' };
}

async function turnOff(
	row: ReminderSetting,
	fetchImpl: typeof fetch,
	online: boolean
): Promise<SyncResult> {
	if (!row.subscriptionId || !row.secret) return { state: 'off' };
	if (!online) return { state: 'local', problem: 'offline' };
	try {
		await deleteSubscription({ id: row.subscriptionId, secret: row.secret }, fetchImpl);
	} catch (error) {
		// Already gone (or never there) is what we wanted.
		if (!(error instanceof ReminderApiError) || ![401, 404].includes(error.status)) {
			return local(error);
		}
	}
	await reminderSettings.update(row.childId, {
		subscriptionId: undefined,
		secret: undefined,
		skippedOn: undefined
	});
	return { state: 'off' };
}

/** Sends one reminder push to this device now. */
export async function sendTest(
	row: ReminderSetting,
	fetchImpl: typeof fetch = (...args) => fetch(...args)
): Promise<{ state: 'sent' } | { state: 'local'; problem: SyncProblem; detail?: string }> {
	if (!row.subscriptionId || !row.secret || !row.tag) {
		return { state: 'local', problem: 'refused' };
	}
	if (typeof navigator !== 'undefined' && !navigator.onLine) {
		return { state: 'local', problem: 'offline' };
	}
	try {
		await sendTestReminder(
			{ id: row.subscriptionId, secret: row.secret },
			{ tag: row.tag },
			fetchImpl
		);
		return { state: 'sent' };
	} catch (error) {
		// Here a 404 is about this subscription (the server forgot it), not a missing API.
		if (error instanceof ReminderApiError && error.status === 404) {
			return { state: 'local', problem: 'refused', detail: error.message };
		}
		return local(error);
	}
}

function local(error: unknown): { state: 'local'; problem: SyncProblem; detail?: string } {
	if (error instanceof PushSetupError) {
		return { state: 'local', problem: error.problem, detail: error.detail || undefined };
	}
	if (error instanceof ReminderApiError) {
		if (error.status === 0) return { state: 'local', problem: 'unreachable' };
		if (error.status === 404 || error.status === 405) {
			return { state: 'local', problem: 'no-api', detail: error.message };
		}
		return { state: 'local', problem: 'refused', detail: error.message };
	}
	return { state: 'local', problem: 'refused', detail: (error as Error)?.message };
}

/**
 * Deletes server subscriptions this device no longer has a reminder row for: after a restore
 * replaced the data (`RestoreResult.subscriptionsToCancel`), or before a child is removed.
 * Resolves to the ones that could not be deleted now (offline, server unreachable): keep them
 * and try again later. Never throws.
 */
export async function cancelServerSubscriptions<
	T extends { subscriptionId: string; secret: string }
>(
	subscriptions: readonly T[],
	fetchImpl: typeof fetch = (...args) => fetch(...args)
): Promise<T[]> {
	const left: T[] = [];
	for (const subscription of subscriptions) {
		try {
			await deleteSubscription(
				{ id: subscription.subscriptionId, secret: subscription.secret },
				fetchImpl
			);
		} catch (error) {
			const status = error instanceof ReminderApiError ? error.status : 0;
			// Gone already, or a secret the server does not know: nothing left to delete.
			if (status !== 401 && status !== 404) left.push(subscription);
		}
	}
	return left;
}
