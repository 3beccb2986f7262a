import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import ICAL from 'ical.js';
import { createECDH, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { chooseRole, expectNoAxeViolations, waitForServiceWorker } from './helpers';
import { addProgram, everyDayProgram } from './support/family';

/** The e2e server's reminder database (HOMEPLAY_DATA_DIR in tests/playwright.config.ts). */
const REMINDER_DB = 'tests/.tmp/data/reminders.sqlite';

const childCard = (page: Page, name: string) =>
	page.getByRole('region', { name, exact: true }).filter({ has: page.getByRole('checkbox') });

/** The service worker registration id DevTools knows for this page's origin. */
async function registrationId(context: BrowserContext, page: Page, origin: string) {
	const cdp = await context.newCDPSession(page);
	const found = new Promise<string>((resolve) => {
		cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
			const ours = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
			if (ours) resolve(ours.registrationId);
		});
	});
	await cdp.send('ServiceWorker.enable');
	return { cdp, id: await found };
}

/** The notifications the service worker shows now, as plain data. */
function shownNotifications(page: Page) {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		const shown = (await registration.getNotifications()) as (Notification & { badge: string })[];
		return shown.map((n) => ({
			title: n.title,
			body: n.body,
			tag: n.tag,
			icon: new URL(n.icon).pathname,
			badge: new URL(n.badge).pathname,
			data: n.data as unknown
		}));
	});
}

test('a pushed reminder is shown, replaces the older one, and a tap on it opens Today', async ({
	page,
	context,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	await context.grantPermissions(['notifications'], { origin });
	await chooseRole(page, 'family');
	await waitForServiceWorker(page);
	const { cdp, id } = await registrationId(context, page, origin);
	const deliver = (data: string) =>
		cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: id, data });

	// What the server sends (reminderPayload in src/lib/server/reminders/push-sender.ts).
	const tag = 'k3Jd8sLq0aZ-x_Pw2mNbVc';
	const reminder = {
		title: 'Homeplay',
		body: "Time for today's Homeplay practice",
		url: '/today',
		tag
	};
	const shown = {
		title: 'Homeplay',
		body: "Time for today's Homeplay practice",
		tag,
		icon: '/icons/icon-192.png',
		badge: '/icons/badge-72.png',
		data: { url: '/today' }
	};
	// Right after registration, Chromium may drop a push delivered through the DevTools protocol
	// under load; delivering the same reminder again only replaces it (same tag).
	await expect
		.poll(async () => {
			await deliver(JSON.stringify(reminder));
			return shownNotifications(page);
		})
		.toEqual([shown]);

	// The next reminder for the same child replaces it; a push without a usable payload still
	// shows the generic reminder.
	await deliver(JSON.stringify({ ...reminder, body: 'Second reminder' }));
	await expect
		.poll(() => shownNotifications(page))
		.toEqual([{ ...shown, body: 'Second reminder' }]);
	await deliver('not a reminder');
	await expect
		.poll(async () => (await shownNotifications(page)).map((n) => n.tag).sort())
		.toEqual(['homeplay-reminder', tag].sort());

	// The tap. The DevTools protocol has no "click a notification" command (checked against this
	// Chromium's /json/protocol), so the test dispatches a NotificationEvent for the real
	// notification at the service worker, where the handler registered by src/lib/sw/push.ts
	// runs. Chromium refuses `waitUntil`, `focus()` and `openWindow()` for a script-made event
	// (only a real tap may focus or open a window), so this proves the real handler closes the
	// notification and brings the open window to Today; focusing, and opening a window when none
	// is open, are covered with a fake scope in tests/unit/reminders-client-sw.test.ts.
	await page.goto('/settings');
	const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
	await worker.evaluate(async (clickedTag) => {
		const scope = self as unknown as {
			registration: ServiceWorkerRegistration;
			NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
		};
		const [notification] = await scope.registration.getNotifications({ tag: clickedTag });
		self.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }));
	}, tag);
	await expect(page).toHaveURL(/\/today$/);
	await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible();
	await expect
		.poll(async () => (await shownNotifications(page)).map((n) => n.tag))
		.toEqual(['homeplay-reminder']);
});

/** Makes `pushManager.subscribe` fail as it does in headless Chromium, on every browser. */
async function pushSubscribeFails(context: BrowserContext) {
	await context.addInitScript(() => {
		PushManager.prototype.subscribe = () =>
			Promise.reject(new DOMException('Registration failed - push service error', 'AbortError'));
	});
}

for (const theme of ['light', 'dark'] as const) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });

		test('where push cannot be turned on, the calendar file and the in-app banner take over', async ({
			page,
			context,
			baseURL
		}) => {
			await context.grantPermissions(['notifications'], { origin: new URL(baseURL!).origin });
			await pushSubscribeFails(context);
			await chooseRole(page, 'family');
			await addProgram(page, baseURL!, everyDayProgram());
			await page.goto('/settings');
			await page.getByRole('link', { name: /^Reminders/ }).click();
			await expect(page.getByRole('heading', { name: 'Reminders', level: 1 })).toBeVisible();

			const card = childCard(page, 'Mia');
			await card.getByRole('checkbox', { name: "Remind me about Mia's practice" }).check();
			await expect(card.getByRole('group', { name: 'Reminder 1' }).getByLabel('Time')).toHaveValue(
				'07:30'
			);
			// A third time, just after midnight every day, so the banner is due whenever this runs.
			await card.getByRole('button', { name: 'Add a time' }).click();
			await card.getByRole('group', { name: 'Reminder 3' }).getByLabel('Time').fill('00:00');
			await expectNoAxeViolations(page, `reminders, editing (${theme})`);

			await page.getByRole('button', { name: 'Save reminders' }).click();
			await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
			await expect(card.getByRole('status').first()).toContainText(
				'This browser could not turn on notifications'
			);
			const help = page.getByRole('region', { name: 'Notifications on this device' });
			await expect(help).toContainText('Registration failed - push service error');
			await expect(help).toContainText('Install');
			await expectNoAxeViolations(page, `reminders, push failed (${theme})`);

			// The calendar file: one weekly event per time, each with an alarm.
			const downloading = page.waitForEvent('download');
			await card.getByRole('link', { name: /Download calendar file/ }).click();
			const download = await downloading;
			expect(download.suggestedFilename()).toBe('homeplay-reminders-mia.ics');
			const text = readFileSync((await download.path())!, 'utf8');
			expect(text).not.toContain('Mia');
			const calendar = new ICAL.Component(ICAL.parse(text));
			const events = calendar.getAllSubcomponents('vevent').map((event) => {
				const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
				const rule = event.getFirstPropertyValue('rrule') as ICAL.Recur;
				const alarm = event.getFirstSubcomponent('valarm')!;
				return {
					start: `${String(start.hour).padStart(2, '0')}:${String(start.minute).padStart(2, '0')}`,
					rule: rule.toString(),
					summary: event.getFirstPropertyValue('summary'),
					alarm: [
						alarm.getFirstPropertyValue('action'),
						String(alarm.getFirstPropertyValue('trigger'))
					]
				};
			});
			expect(events).toEqual([
				{
					start: '00:00',
					rule: 'FREQ=WEEKLY;BYDAY=SU,MO,TU,WE,TH,FR,SA',
					summary: 'Homeplay practice',
					alarm: ['DISPLAY', 'PT0S']
				},
				{
					start: '07:30',
					rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
					summary: 'Homeplay practice',
					alarm: ['DISPLAY', 'PT0S']
				},
				{
					start: '10:00',
					rule: 'FREQ=WEEKLY;BYDAY=SU,SA',
					summary: 'Homeplay practice',
					alarm: ['DISPLAY', 'PT0S']
				}
			]);

			// In the app: a banner once a reminder time has passed and practice is still open.
			await page.goto('/');
			const banner = page.getByRole('status', { name: 'Practice reminder' });
			await expect(banner).toContainText("It's practice time: Mia still has something to do");
			await expectNoAxeViolations(page, `home with the practice banner (${theme})`);
			await banner.getByRole('button', { name: 'Hide for today' }).click();
			await expect(banner).toBeEmpty();
			await page.reload();
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expect(page.getByRole('status', { name: 'Practice reminder' })).toBeEmpty();
		});
	});
}

/** A plain TCP listener standing in for a push service: it only counts connection attempts. */
async function pushServiceStandIn(): Promise<{ server: Server; port: number; hits: () => number }> {
	let hits = 0;
	const server = createServer((socket) => {
		hits++;
		socket.destroy();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, port: (server.address() as AddressInfo).port, hits: () => hits };
}

test('the server keeps no name or goal: on, test notification, off', async ({
	page,
	context,
	baseURL
}) => {
	const name = 'Zebulon Quartermaine';
	const goals = ['Tie his shoelaces at the door', 'Wait for his turn at board games'];
	const standIn = await pushServiceStandIn();
	try {
		// A push subscription on the stand-in (127.0.0.1 is allow-listed for the e2e server):
		// headless Chromium cannot subscribe at a real push service.
		const ecdh = createECDH('prime256v1');
		ecdh.generateKeys();
		const endpoint = `https://127.0.0.1:${standIn.port}/push/${randomBytes(12).toString('hex')}`;
		const keys = {
			p256dh: ecdh.getPublicKey('base64url'),
			auth: randomBytes(16).toString('base64url')
		};
		await context.grantPermissions(['notifications'], { origin: new URL(baseURL!).origin });
		await context.addInitScript(
			({ endpoint, keys }) => {
				const fake = {
					endpoint,
					options: { applicationServerKey: null },
					toJSON: () => ({ endpoint, expirationTime: null, keys }),
					unsubscribe: async () => true
				};
				let subscribed = false;
				PushManager.prototype.getSubscription = async () =>
					(subscribed ? fake : null) as unknown as PushSubscription;
				PushManager.prototype.subscribe = async () => {
					subscribed = true;
					return fake as unknown as PushSubscription;
				};
			},
			{ endpoint, keys }
		);
		await chooseRole(page, 'family');
		await waitForServiceWorker(page);
		const doc = everyDayProgram({
			child: { name, ageBand: '6-9' },
			goals: goals.map((text) => ({ text, goalAreas: ['self-care'] }))
		});
		await addProgram(page, baseURL!, doc);
		await page.goto('/settings/reminders');
		const card = childCard(page, name);
		await card.getByRole('checkbox', { name: `Remind me about ${name}'s practice` }).check();
		await page.getByRole('button', { name: 'Save reminders' }).click();
		await expect(card.getByRole('status').first()).toHaveText(
			'Notifications are on for this device.'
		);

		const stored = await page.evaluate(
			() =>
				new Promise<{ childIds: string[]; tag: string }>((resolve, reject) => {
					const open = indexedDB.open('homeplay');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const tx = open.result.transaction(['children', 'reminderSettings']);
						const children = tx.objectStore('children').getAll();
						const reminders = tx.objectStore('reminderSettings').getAll();
						tx.oncomplete = () =>
							resolve({
								childIds: (children.result as { id: string }[]).map((c) => c.id),
								tag: (reminders.result as { tag: string }[])[0].tag
							});
					};
				})
		);
		const forbidden = [name, 'Zebulon', ...goals, doc.id, ...stored.childIds];
		const serverRows = () => {
			const db = new Database(REMINDER_DB, { readonly: true, fileMustExist: true });
			try {
				const subscriptions = db
					.prepare('SELECT id FROM subscriptions WHERE endpoint = ?')
					.pluck()
					.all(endpoint) as string[];
				const dump = JSON.stringify(
					['subscriptions', 'reminders', 'reminder_times', 'skips', 'deliveries'].map((table) =>
						db.prepare(`SELECT * FROM ${table}`).all()
					)
				);
				return { subscriptions, dump };
			} finally {
				db.close();
			}
		};
		const on = serverRows();
		expect(on.subscriptions).toHaveLength(1);
		expect(on.dump).toContain(stored.tag);
		for (const text of forbidden) expect(on.dump, text).not.toContain(text);

		// The test notification: the server pushes to this device's endpoint.
		await card.getByRole('button', { name: /Send a test notification/ }).click();
		await expect(card.getByText('Test notification sent.', { exact: false })).toBeVisible();
		await expect.poll(standIn.hits).toBeGreaterThan(0);
		for (const text of forbidden) expect(serverRows().dump, text).not.toContain(text);

		// Off: the server forgets the subscription.
		await card.getByRole('checkbox', { name: `Remind me about ${name}'s practice` }).uncheck();
		await page.getByRole('button', { name: 'Save reminders' }).click();
		await expect(card.getByRole('status').first()).toHaveText('Reminders are off.');
		const off = serverRows();
		expect(off.subscriptions).toEqual([]);
		expect(off.dump).not.toContain(stored.tag);
	} finally {
		standIn.server.close();
	}
});
