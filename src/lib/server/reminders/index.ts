import { Agent } from 'node:https';
import { join } from 'node:path';
import { configWarnings, loadRemindersConfig, type Logger, type RemindersConfig } from './config';
import { createReminderApi, type ReminderApi } from './http-api';
import { createPushSender, type PushSender, type PushSenderOptions } from './push-sender';
import { ReminderScheduler, type SchedulerOptions } from './scheduler';
import { openReminderStore, type ReminderStore } from './store';

export type { ReminderApi } from './http-api';

export interface ReminderService {
	config: RemindersConfig;
	store: ReminderStore;
	sender: PushSender;
	scheduler: ReminderScheduler;
	api: ReminderApi;
	/** Stops the scheduler, waits for pushes in flight and closes the database. */
	close(): Promise<void>;
}

export interface ReminderServiceOptions {
	config: RemindersConfig;
	sender?: Partial<Omit<PushSenderOptions, 'vapid'>>;
	scheduler?: Partial<Pick<SchedulerOptions, 'now' | 'tickIntervalMs' | 'graceMs'>>;
	log?: Logger;
}

/** Wires store, sender, scheduler and API together (the scheduler is not started). */
export function createReminderService(options: ReminderServiceOptions): ReminderService {
	const { config } = options;
	const log = options.log ?? console;
	const store = openReminderStore(join(config.dataDir, 'reminders.sqlite'));
	// Keep-alive: thousands of reminders at 18:00 reuse a few connections per push service.
	const ownAgent = options.sender?.agent
		? undefined
		: new Agent({ keepAlive: true, maxSockets: 100 });
	const sender = createPushSender({
		agent: ownAgent,
		log,
		...options.sender,
		vapid: config.vapid
	});
	const scheduler = new ReminderScheduler({ store, sender, log, ...options.scheduler });
	const api = createReminderApi({ store, sender, config, log, now: options.scheduler?.now });
	return {
		config,
		store,
		sender,
		scheduler,
		api,
		async close() {
			await scheduler.stop();
			await api.settled();
			store.close();
			ownAgent?.destroy();
		}
	};
}

let service: ReminderService | undefined;

/** The process-wide reminder service, created from the environment on first use. */
export function reminderService(): ReminderService {
	if (!service) {
		const config = loadRemindersConfig();
		for (const warning of configWarnings(config)) console.warn(`reminders: ${warning}`);
		service = createReminderService({ config });
	}
	return service;
}

/** The API handlers the `src/routes/api/` endpoints forward to. */
export function reminderApi(): ReminderApi {
	return reminderService().api;
}

/** Starts the reminder scheduler (idempotent). Called by the server's `init` hook. */
export function startReminders(): ReminderService {
	const started = reminderService();
	started.scheduler.start();
	return started;
}

/** Stops the scheduler and closes the database; a later call to `reminderService()` reopens. */
export async function stopReminders(): Promise<void> {
	const stopping = service;
	service = undefined;
	await stopping?.close();
}
