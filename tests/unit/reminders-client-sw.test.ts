import { describe, expect, it, vi } from 'vitest';
import {
	FALLBACK_REMINDER,
	inAppPath,
	parseReminderPush,
	pickWindow,
	registerPushHandlers,
	type NotificationClickEventLike,
	type PushEventLike,
	type PushScope,
	type WindowClientLike
} from '$lib/sw/push';

const ORIGIN = 'https://homeplay.example';

class FakeWindow implements WindowClientLike {
	focus = vi.fn(async (): Promise<WindowClientLike> => {
		if (this.focusRefused) throw new DOMException('Not allowed to focus a window.');
		return this;
	});
	navigate = vi.fn(async (url: string): Promise<WindowClientLike | null> => {
		if (!this.controlled)
			throw new TypeError('This service worker is not the client’s controller.');
		this.url = new URL(url, ORIGIN).href;
		return this;
	});
	constructor(
		public url: string,
		public focused = false,
		public visibilityState: DocumentVisibilityState = 'hidden',
		public controlled = true,
		public focusRefused = false
	) {}
}

/** A service worker scope with the handlers registered, and a way to fire events at them. */
function fakeScope(windows: FakeWindow[] = []) {
	const listeners: Record<string, (event: never) => void> = {};
	const showNotification = vi.fn(async (_title: string, _options?: NotificationOptions) => {});
	const openWindow = vi.fn(async (_url: string) => null);
	const scope: PushScope = {
		location: { origin: ORIGIN },
		registration: { showNotification },
		clients: { matchAll: async () => windows, openWindow },
		addEventListener(type: string, listener: (event: never) => void) {
			listeners[type] = listener;
		}
	};
	registerPushHandlers(scope);
	async function push(text: string | null) {
		const waits: Promise<unknown>[] = [];
		const event: PushEventLike = {
			data: text === null ? null : { text: () => text },
			waitUntil: (promise) => waits.push(promise)
		};
		(listeners.push as (event: PushEventLike) => void)(event);
		await Promise.all(waits);
	}
	async function click(data: unknown) {
		const waits: Promise<unknown>[] = [];
		const close = vi.fn();
		const event: NotificationClickEventLike = {
			notification: { data, close },
			waitUntil: (promise) => waits.push(promise)
		};
		(listeners.notificationclick as (event: NotificationClickEventLike) => void)(event);
		await Promise.all(waits);
		return close;
	}
	return { showNotification, openWindow, push, click };
}

const payload = {
	title: 'Homeplay',
	body: "Time for today's Homeplay practice",
	url: '/today',
	tag: 'k3Jd8sLq0aZ-x_Pw2mNbVc'
};

describe('push', () => {
	it('shows the reminder with icon, monochrome badge, its tag and the link', async () => {
		const sw = fakeScope();
		await sw.push(JSON.stringify(payload));
		expect(sw.showNotification).toHaveBeenCalledWith('Homeplay', {
			body: payload.body,
			icon: '/icons/icon-192.png',
			badge: '/icons/badge-72.png',
			tag: payload.tag,
			renotify: true,
			lang: 'en',
			data: { url: '/today' }
		});
	});

	it('shows the generic reminder when the payload is missing or not a reminder', async () => {
		for (const text of [null, '', 'not json', '[1,2]', '{"title":42,"tag":"no spaces allowed"}']) {
			const sw = fakeScope();
			await sw.push(text);
			const [title, options] = sw.showNotification.mock.calls[0];
			expect(title).toBe(FALLBACK_REMINDER.title);
			expect(options).toMatchObject({
				body: FALLBACK_REMINDER.body,
				tag: FALLBACK_REMINDER.tag,
				data: { url: '/today' }
			});
		}
	});

	it('keeps the good fields of a partly valid payload and the link inside the app', () => {
		expect(parseReminderPush(JSON.stringify({ ...payload, body: '', url: '/week?x=1' }))).toEqual({
			...payload,
			body: FALLBACK_REMINDER.body,
			url: '/week?x=1'
		});
		for (const url of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)', 7])
			expect(parseReminderPush(JSON.stringify({ ...payload, url })).url).toBe('/today');
		expect(inAppPath('/today#top', ORIGIN)).toBe('/today#top');
	});
});

describe('notificationclick', () => {
	it('closes the notification, focuses the open Homeplay window and shows Today in it', async () => {
		const open = new FakeWindow(`${ORIGIN}/journal`, false, 'visible');
		const sw = fakeScope([open]);
		const close = await sw.click({ url: '/today' });
		expect(close).toHaveBeenCalled();
		expect(open.focus).toHaveBeenCalled();
		expect(open.navigate).toHaveBeenCalledWith('/today');
		expect(open.url).toBe(`${ORIGIN}/today`);
		expect(sw.openWindow).not.toHaveBeenCalled();
	});

	it('only focuses a window that already shows Today', async () => {
		const open = new FakeWindow(`${ORIGIN}/today`);
		const sw = fakeScope([open]);
		await sw.click({ url: '/today' });
		expect(open.focus).toHaveBeenCalled();
		expect(open.navigate).not.toHaveBeenCalled();
	});

	it('opens Today when no Homeplay window is open, or the open one cannot be navigated', async () => {
		const none = fakeScope([]);
		await none.click({ url: '/today' });
		expect(none.openWindow).toHaveBeenCalledWith('/today');

		const uncontrolled = fakeScope([new FakeWindow(`${ORIGIN}/`, true, 'visible', false)]);
		await uncontrolled.click({ url: '/today' });
		expect(uncontrolled.openWindow).toHaveBeenCalledWith('/today');
	});

	it('still navigates when focusing is refused, and never leaves the app', async () => {
		const open = new FakeWindow(`${ORIGIN}/`, false, 'visible', true, true);
		const sw = fakeScope([open]);
		await sw.click({ url: 'https://evil.example/' });
		expect(open.navigate).toHaveBeenCalledWith('/today');
		await sw.click(null);
		expect(sw.openWindow).not.toHaveBeenCalled();
	});

	it('prefers the focused window, then a visible one', () => {
		const hidden = new FakeWindow(`${ORIGIN}/a`);
		const visible = new FakeWindow(`${ORIGIN}/b`, false, 'visible');
		const focused = new FakeWindow(`${ORIGIN}/c`, true, 'visible');
		expect(pickWindow([hidden, visible, focused])).toBe(focused);
		expect(pickWindow([hidden, visible])).toBe(visible);
		expect(pickWindow([hidden])).toBe(hidden);
		expect(pickWindow([])).toBeUndefined();
	});
});
