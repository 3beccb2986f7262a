import type { ReminderTimeInput } from './types';

/**
 * A calendar file (RFC 5545) with a child's reminder times, for devices where Web Push is not
 * available: one weekly recurring event per reminder time, each with a display alarm at its
 * start. Pure; runs in the browser and in Node.
 *
 * Times are floating local times (no TZID, no VTIMEZONE): "18:30" means 18:30 on the clock of
 * whichever device shows the calendar, like the app's own schedule. A fixed zone would need
 * VTIMEZONE rules the browser cannot export (Intl gives offsets, not rules), and it would move
 * the reminder to 17:30 when the family travels one zone west. Calendars handle daylight-saving
 * changes for floating times by themselves.
 */

export interface ReminderCalendarInput {
	/** Stable and opaque (the reminder's tag): re-exporting keeps the same event UIDs. */
	id: string;
	times: ReminderTimeInput[];
	/** Absolute URL the events link to, e.g. `${location.origin}/today`. */
	url: string;
	/** First local date (`yyyy-MM-dd`) an event may fall on: today, or the end of a pause. */
	from: string;
	/** Time stamp of the file (DTSTAMP); defaults to now. */
	now?: Date;
	/** Event title; generic, never the child's name. */
	summary?: string;
	/** Alarm text. */
	description?: string;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const CRLF = '\r\n';

/** Builds the `.ics` text (CRLF line endings, lines folded at 75 octets). */
export function buildReminderCalendar(input: ReminderCalendarInput): string {
	const summary = input.summary ?? 'Homeplay practice';
	const description = input.description ?? "Time for today's Homeplay practice";
	const stamp = utcStamp(input.now ?? new Date());
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Homeplay//Reminders//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(summary)}`
	];
	for (const { time, days } of input.times) {
		const weekdays = [...new Set(days)].filter((day) => day >= 0 && day <= 6).sort();
		if (weekdays.length === 0 || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) continue;
		const byDay = weekdays.map((day) => WEEKDAYS[day]);
		const clock = time.replace(':', '');
		lines.push(
			'BEGIN:VEVENT',
			`UID:${input.id}-${clock}-${byDay.join('')}@homeplay`,
			`DTSTAMP:${stamp}`,
			`DTSTART:${firstDate(input.from, weekdays).replace(/-/g, '')}T${clock}00`,
			'DURATION:PT15M',
			`RRULE:FREQ=WEEKLY;BYDAY=${byDay.join(',')}`,
			`SUMMARY:${escapeText(summary)}`,
			`URL:${input.url}`,
			'TRANSP:TRANSPARENT',
			'BEGIN:VALARM',
			'ACTION:DISPLAY',
			`DESCRIPTION:${escapeText(description)}`,
			'TRIGGER:PT0M',
			'END:VALARM',
			'END:VEVENT'
		);
	}
	lines.push('END:VCALENDAR');
	return lines.map(foldLine).join(CRLF) + CRLF;
}

/**
 * The first date on or after `from` that falls on one of `weekdays`: the RFC counts DTSTART as
 * an occurrence even when the rule does not match it, so it must be a real one.
 */
function firstDate(from: string, weekdays: number[]): string {
	const [year, month, day] = from.split('-').map(Number);
	const start = Date.UTC(year, month - 1, day);
	for (let offset = 0; offset < 7; offset++) {
		const date = new Date(start + offset * 86_400_000);
		if (weekdays.includes(date.getUTCDay())) return date.toISOString().slice(0, 10);
	}
	throw new Error('no weekday given');
}

function utcStamp(date: Date): string {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** TEXT values escape backslash, semicolon, comma and newline (RFC 5545 §3.3.11). */
function escapeText(value: string): string {
	return value.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Folds a content line into pieces of at most 75 octets (RFC 5545 §3.1), never inside a UTF-8
 * character; continuation lines start with a space, which counts toward their 75.
 */
export function foldLine(line: string): string {
	if (encoder.encode(line).length <= 75) return line;
	const pieces: string[] = [];
	let piece = '';
	let pieceOctets = 0;
	for (const char of line) {
		const octets = encoder.encode(char).length;
		const room = pieces.length === 0 ? 75 : 74;
		if (pieceOctets + octets > room) {
			pieces.push(piece);
			piece = '';
			pieceOctets = 0;
		}
		piece += char;
		pieceOctets += octets;
	}
	pieces.push(piece);
	return pieces.join(`${CRLF} `);
}
