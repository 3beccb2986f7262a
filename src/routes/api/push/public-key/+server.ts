import { reminderApi } from '$lib/server/reminders';
import type { RequestHandler } from './$types';

export const prerender = false;

export const GET: RequestHandler = (event) => reminderApi().publicKey(event);
