import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import webpush from 'web-push';

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
	/** `mailto:` or `https:` contact the push services may use to reach the operator. */
	subject: string;
}

/** Where the reminder server writes its log lines (the console unless a test swaps it). */
export type Logger = Pick<Console, 'info' | 'warn' | 'error'>;

export interface RemindersConfig {
	dataDir: string;
	vapid: VapidKeys;
	/** Host names push endpoints may point at; `*.example.com` allows any subdomain. */
	pushHostAllowList: string[];
}

/** The push services of Chrome/Android, Firefox, Edge/Windows and Safari/iOS. */
export const DEFAULT_PUSH_HOSTS = [
	'fcm.googleapis.com',
	'updates.push.services.mozilla.com',
	'*.notify.windows.com',
	'web.push.apple.com',
	'*.push.apple.com'
];

const DEFAULT_SUBJECT = 'mailto:admin@localhost';

type Env = Record<string, string | undefined>;

/**
 * Reads the reminder server's settings from the environment: `HOMEPLAY_DATA_DIR` (created if
 * missing), `VAPID_PUBLIC_KEY`/`VAPID_PRIVATE_KEY`/`VAPID_SUBJECT` (keys generated once and kept
 * in `<dataDir>/vapid.json` when unset) and `PUSH_HOST_ALLOWLIST`.
 */
export function loadRemindersConfig(env: Env = process.env): RemindersConfig {
	const dataDir = resolve(env.HOMEPLAY_DATA_DIR || './data');
	mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	const subject = env.VAPID_SUBJECT || DEFAULT_SUBJECT;
	const vapid = vapidKeysFromEnv(env, subject) ?? storedVapidKeys(dataDir, subject);
	return {
		dataDir,
		vapid,
		pushHostAllowList: parseHostAllowList(env.PUSH_HOST_ALLOWLIST)
	};
}

/** Warnings worth printing at start-up: settings that work locally but fail with some push services. */
export function configWarnings(config: RemindersConfig): string[] {
	const warnings: string[] = [];
	if (/@localhost$|^https?:\/\/localhost\b/i.test(config.vapid.subject)) {
		// Apple's push service answers 403 BadJwtToken to a subject it cannot resolve.
		warnings.push(
			`VAPID_SUBJECT is ${config.vapid.subject}: Safari/iOS push will be refused; ` +
				'set it to a real mailto: address or https: URL.'
		);
	}
	return warnings;
}

function vapidKeysFromEnv(env: Env, subject: string): VapidKeys | undefined {
	const publicKey = env.VAPID_PUBLIC_KEY?.trim();
	const privateKey = env.VAPID_PRIVATE_KEY?.trim();
	if (!publicKey && !privateKey) return undefined;
	if (!publicKey || !privateKey) {
		throw new Error('Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither.');
	}
	return checkedVapidKeys({ publicKey, privateKey, subject });
}

function storedVapidKeys(dataDir: string, subject: string): VapidKeys {
	const path = join(dataDir, 'vapid.json');
	if (!existsSync(path)) {
		const generated = webpush.generateVAPIDKeys();
		try {
			// `wx`: if another process created the file a moment ago, keep its keys, not ours.
			writeFileSync(path, JSON.stringify(generated, null, '\t') + '\n', {
				mode: 0o600,
				flag: 'wx'
			});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
	const stored = JSON.parse(readFileSync(path, 'utf8')) as Partial<VapidKeys>;
	if (typeof stored.publicKey !== 'string' || typeof stored.privateKey !== 'string') {
		throw new Error(`${path} does not hold a VAPID key pair`);
	}
	return checkedVapidKeys({ publicKey: stored.publicKey, privateKey: stored.privateKey, subject });
}

function checkedVapidKeys(keys: VapidKeys): VapidKeys {
	// web-push throws a precise message for a malformed key or subject; better now than at 18:00.
	webpush.getVapidHeaders(
		'https://push.invalid',
		keys.subject,
		keys.publicKey,
		keys.privateKey,
		'aes128gcm'
	);
	return keys;
}

/** Parses `PUSH_HOST_ALLOWLIST` (comma-separated host names); empty or unset gives the defaults. */
export function parseHostAllowList(value: string | undefined): string[] {
	const hosts = (value ?? '')
		.split(',')
		.map((host) => host.trim().toLowerCase())
		.filter(Boolean);
	for (const host of hosts) {
		if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
			throw new Error(`PUSH_HOST_ALLOWLIST: "${host}" is not a host name`);
		}
	}
	return hosts.length > 0 ? hosts : [...DEFAULT_PUSH_HOSTS];
}
