import type { ReminderPushPayload } from '$lib/reminders/types';

/**
 * The service worker's reminder handlers: `push` shows the reminder the server sent,
 * `notificationclick` brings the family to Today. Registered by src/service-worker.ts.
 *
 * The types below are the parts of the service worker scope these handlers use, written out so
 * this module type-checks with the app's DOM types and can be unit-tested with a fake scope.
 */

export interface PushEventLike {
	readonly data: { text(): string } | null;
	waitUntil(promise: Promise<unknown>): void;
}

export interface NotificationClickEventLike {
	readonly notification: { readonly data: unknown; close(): void };
	waitUntil(promise: Promise<unknown>): void;
}

export interface WindowClientLike {
	readonly url: string;
	readonly focused: boolean;
	readonly visibilityState: DocumentVisibilityState;
	focus(): Promise<WindowClientLike>;
	navigate(url: string): Promise<WindowClientLike | null>;
}

export interface PushScope {
	readonly location: { readonly origin: string };
	readonly registration: {
		showNotification(title: string, options?: NotificationOptions): Promise<void>;
	};
	readonly clients: {
		matchAll(options: {
			type: 'window';
			includeUncontrolled: boolean;
		}): Promise<readonly WindowClientLike[]>;
		openWindow(url: string): Promise<unknown>;
	};
	addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
	addEventListener(
		type: 'notificationclick',
		listener: (event: NotificationClickEventLike) => void
	): void;
}

/** Where a reminder leads. */
export const REMINDER_URL = '/today';
export const REMINDER_ICON = '/icons/icon-192.png';
/** Monochrome (white on transparent): Android shows it in the status bar. */
export const REMINDER_BADGE = '/icons/badge-72.png';

/**
 * What a push without a usable payload shows. The same generic words the server sends (see
 * `reminderPayload` in src/lib/server/reminders/push-sender.ts): a push is always a reminder.
 */
export const FALLBACK_REMINDER: ReminderPushPayload = {
	title: 'Homeplay',
	body: "Time for today's Homeplay practice",
	url: REMINDER_URL,
	tag: 'homeplay-reminder'
};

const TAG = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The reminder in a push's text, field by field: anything missing, of the wrong kind or too
 * long is replaced by the generic reminder's field, and the link stays inside the app.
 */
export function parseReminderPush(text: string | null | undefined): ReminderPushPayload {
	let data: Record<string, unknown> = {};
	try {
		const parsed: unknown = JSON.parse(text ?? '');
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
			data = parsed as Record<string, unknown>;
		}
	} catch {
		// Not JSON: the generic reminder.
	}
	const field = (value: unknown, max: number) =>
		typeof value === 'string' && value.trim() && value.length <= max ? value : undefined;
	return {
		title: field(data.title, 120) ?? FALLBACK_REMINDER.title,
		body: field(data.body, 500) ?? FALLBACK_REMINDER.body,
		url: typeof data.url === 'string' ? inAppPath(data.url) : REMINDER_URL,
		tag: typeof data.tag === 'string' && TAG.test(data.tag) ? data.tag : FALLBACK_REMINDER.tag
	};
}

/**
 * A path inside the app (`/today?…`), or `/today` for anything that would lead elsewhere
 * (another site, `//host`, `javascript:`…). `origin` is the service worker's.
 */
export function inAppPath(url: unknown, origin = 'https://homeplay.invalid'): string {
	if (typeof url !== 'string' || !url.startsWith('/') || url.startsWith('//')) return REMINDER_URL;
	try {
		const resolved = new URL(url, origin);
		if (resolved.origin !== new URL(origin).origin) return REMINDER_URL;
		return `${resolved.pathname}${resolved.search}${resolved.hash}`;
	} catch {
		return REMINDER_URL;
	}
}

/** The notification for a reminder: the tag makes a newer reminder replace an older one. */
export function reminderNotification(payload: ReminderPushPayload): {
	title: string;
	options: NotificationOptions & { renotify?: boolean };
} {
	return {
		title: payload.title,
		options: {
			body: payload.body,
			icon: REMINDER_ICON,
			badge: REMINDER_BADGE,
			tag: payload.tag,
			// A replacing reminder still alerts (Chromium; others ignore it).
			renotify: true,
			lang: 'en',
			data: { url: payload.url }
		}
	};
}

/** Shows the reminder carried by a push (or the generic one). */
export async function showReminder(scope: PushScope, text: string | null): Promise<void> {
	const { title, options } = reminderNotification(parseReminderPush(text));
	await scope.registration.showNotification(title, options);
}

/**
 * The window to bring forward: the focused one, else a visible one, else the most recent
 * (`matchAll` lists the most recently focused first).
 */
export function pickWindow<T extends WindowClientLike>(windows: readonly T[]): T | undefined {
	return (
		windows.find((w) => w.focused) ??
		windows.find((w) => w.visibilityState === 'visible') ??
		windows[0]
	);
}

/**
 * Focuses an open Homeplay window and shows `path` in it, or opens a new window at `path` when
 * there is none (or the open one cannot be navigated, e.g. it is not controlled yet).
 */
export async function openInApp(scope: PushScope, path: string): Promise<void> {
	const windows = await scope.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const target = pickWindow(windows);
	if (target) {
		let client = target;
		try {
			client = await target.focus();
		} catch {
			// Focusing is only allowed while handling a click; still show the page.
		}
		const here = new URL(client.url);
		if (`${here.pathname}${here.search}${here.hash}` === path) return;
		try {
			if (await client.navigate(path)) return;
		} catch {
			// Not controlled by this worker: fall through to a new window.
		}
	}
	await scope.clients.openWindow(path);
}

/** Registers the `push` and `notificationclick` handlers on the service worker scope. */
export function registerPushHandlers(scope: PushScope): void {
	scope.addEventListener('push', (event) => {
		let text: string | null = null;
		try {
			text = event.data?.text() ?? null;
		} catch {
			// Undecodable data: the generic reminder.
		}
		event.waitUntil(showReminder(scope, text));
	});
	scope.addEventListener('notificationclick', (event) => {
		event.notification.close();
		const data = event.notification.data as { url?: unknown } | null;
		event.waitUntil(openInApp(scope, inAppPath(data?.url, scope.location.origin)));
	});
}
