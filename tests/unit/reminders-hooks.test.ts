import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

const environment = vi.hoisted(() => ({ building: false }));
vi.mock('$app/environment', () => environment);

const names = ['HOMEPLAY_DATA_DIR', 'VAPID_SUBJECT'] as const;
const saved = names.map((name) => [name, process.env[name]] as const);
let dir: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'homeplay-hooks-'));
	process.env.HOMEPLAY_DATA_DIR = join(dir, 'data');
	process.env.VAPID_SUBJECT = 'mailto:reminders@example.org';
});

afterEach(async () => {
	const { stopReminders } = await import('$lib/server/reminders');
	await stopReminders();
	for (const [name, value] of saved) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
	rmSync(dir, { recursive: true, force: true });
});

it('does not start reminders while `vite build` prerenders', async () => {
	environment.building = true;
	const { init } = await import('../../src/hooks.server');
	await init();
	expect(existsSync(join(dir, 'data'))).toBe(false);
});

it('starts the scheduler with the server and stops it on adapter-node’s shutdown event', async () => {
	environment.building = false;
	const { init } = await import('../../src/hooks.server');
	const { reminderService } = await import('$lib/server/reminders');
	await init();
	expect(existsSync(join(dir, 'data', 'reminders.sqlite'))).toBe(true);
	expect(existsSync(join(dir, 'data', 'vapid.json'))).toBe(true);
	const service = reminderService();
	// Started: the first tick already recorded how far it looked.
	await vi.waitFor(() => expect(service.store.coveredUntil()).toBeGreaterThan(0));
	(process as NodeJS.EventEmitter).emit('sveltekit:shutdown', 'SIGTERM');
	await vi.waitFor(() => expect(() => service.store.subscriptionCount()).toThrow(/not open/));
});
