import { reminderApi } from '$lib/server/reminders';
import type { RequestHandler } from './$types';

export const prerender = false;

export const POST: RequestHandler = (event) => reminderApi().test(event);
