import { reminderApi } from '$lib/server/reminders';
import type { RequestHandler } from './$types';

export const prerender = false;

export const PUT: RequestHandler = (event) => reminderApi().update(event);

export const DELETE: RequestHandler = (event) => reminderApi().remove(event);
