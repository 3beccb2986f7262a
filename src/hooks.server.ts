import { building } from '$app/environment';
import type { ServerInit } from '@sveltejs/kit';
import { startReminders, stopReminders } from '$lib/server/reminders';

/**
 * Starts the reminder scheduler with the server, but not while `vite build` prerenders pages:
 * that run must not open the database or send anything.
 */
export const init: ServerInit = () => {
	if (building) return;
	startReminders();
	// adapter-node emits this after it stopped accepting requests (SIGTERM/SIGINT).
	process.once('sveltekit:shutdown', () => {
		stopReminders().catch((error: unknown) => console.error('reminders: shutdown failed', error));
	});
};
