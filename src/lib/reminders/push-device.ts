import { applicationServerKey } from './api-client';

/**
 * This browser's side of Web Push: can it receive reminders at all, and its push subscription.
 * Browser only.
 */

/**
 * - `unsupported`: no Push API here (e.g. an iPhone before Homeplay is on the Home Screen);
 * - `denied`: the person (or the browser) blocked notifications for Homeplay;
 * - `granted` / `default`: push is possible; `default` means the browser will ask first.
 */
export type PushSupport = 'unsupported' | 'denied' | 'default' | 'granted';

export function pushSupport(): PushSupport {
	if (
		typeof window === 'undefined' ||
		!('serviceWorker' in navigator) ||
		!('PushManager' in window) ||
		!('Notification' in window)
	) {
		return 'unsupported';
	}
	return Notification.permission;
}

export type InstallPlatform = 'ios' | 'android' | 'desktop';

/** Which "install the app" steps to show first, from the user agent. */
export function installPlatform(userAgent: string, maxTouchPoints = 0): InstallPlatform {
	// iPadOS 13+ says "Macintosh"; a touch screen gives it away.
	if (/iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)) {
		return 'ios';
	}
	return /Android/.test(userAgent) ? 'android' : 'desktop';
}

/** Whether Homeplay runs as an installed app (from the Home Screen) rather than in a tab. */
export function runsInstalled(): boolean {
	return (
		matchMedia('(display-mode: standalone)').matches ||
		(navigator as Navigator & { standalone?: boolean }).standalone === true
	);
}

export type PushProblem = 'push-unsupported' | 'push-denied' | 'push-failed';

/** Why this device could not subscribe; `detail` is the browser's own message, if any. */
export class PushSetupError extends Error {
	constructor(
		readonly problem: PushProblem,
		readonly detail = ''
	) {
		super(detail || problem);
		this.name = 'PushSetupError';
	}
}

/**
 * Asks for permission to show notifications if the browser has not asked yet. Call it first
 * thing in a click handler: Safari only asks while handling the tap itself.
 */
export async function askNotificationPermission(): Promise<PushSupport> {
	const support = pushSupport();
	if (support !== 'default') return support;
	try {
		return await Notification.requestPermission();
	} catch {
		return pushSupport();
	}
}

const READY_TIMEOUT_MS = 10_000;

/**
 * This device's push subscription for the server key `publicKey`: the existing one, or a new
 * one (an older subscription to another key is replaced). Throws `PushSetupError`.
 */
export async function subscribeThisDevice(publicKey: string): Promise<PushSubscription> {
	const support = pushSupport();
	if (support === 'unsupported') throw new PushSetupError('push-unsupported');
	if (support !== 'granted') throw new PushSetupError('push-denied');
	const registration = await serviceWorkerReady();
	const key = applicationServerKey(publicKey);
	try {
		const existing = await registration.pushManager.getSubscription();
		if (existing && sameKey(existing.options.applicationServerKey, key)) return existing;
		await existing?.unsubscribe();
		return await registration.pushManager.subscribe({
			userVisibleOnly: true,
			applicationServerKey: key
		});
	} catch (error) {
		if ((error as Error).name === 'NotAllowedError') throw new PushSetupError('push-denied');
		throw new PushSetupError('push-failed', (error as Error).message);
	}
}

/** Drops this device's push subscription (no child has reminders any more). Never throws. */
export async function unsubscribeThisDevice(): Promise<void> {
	try {
		const registration = await serviceWorkerReady();
		await (await registration.pushManager.getSubscription())?.unsubscribe();
	} catch {
		// Nothing to drop, or no service worker: the server no longer sends to it either way.
	}
}

async function serviceWorkerReady(): Promise<ServiceWorkerRegistration> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new PushSetupError('push-failed', 'no active service worker')),
			READY_TIMEOUT_MS
		);
	});
	try {
		return await Promise.race([navigator.serviceWorker.ready, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function sameKey(current: ArrayBuffer | null, wanted: Uint8Array): boolean {
	if (!current || current.byteLength !== wanted.byteLength) return false;
	const bytes = new Uint8Array(current);
	return bytes.every((byte, i) => byte === wanted[i]);
}
