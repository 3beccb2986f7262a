import {
	addDays,
	differenceInCalendarDays,
	formatISO,
	getDay,
	parseISO,
	startOfWeek
} from 'date-fns';

/**
 * Calendar helpers on ISO dates (`yyyy-MM-dd`), which name a day on the family's calendar, not
 * an instant: arithmetic goes through date-fns in local time, so daylight-saving days are
 * whole days like any other.
 */

export type IsoDate = string;
export type WeekStart = 0 | 1 | 6;

export const toDate = (iso: IsoDate) => parseISO(iso);
export const toIso = (date: Date): IsoDate => formatISO(date, { representation: 'date' });
export const plusDays = (iso: IsoDate, days: number): IsoDate => toIso(addDays(toDate(iso), days));
export const weekday = (iso: IsoDate) => getDay(toDate(iso));
export const daysBetween = (from: IsoDate, to: IsoDate) =>
	differenceInCalendarDays(toDate(to), toDate(from));

/** The first day of the week that holds `iso`. */
export function weekOf(iso: IsoDate, weekStartsOn: WeekStart): IsoDate {
	return toIso(startOfWeek(toDate(iso), { weekStartsOn }));
}

/** The seven dates of the week starting at `start`. */
export function weekDates(start: IsoDate): IsoDate[] {
	return [0, 1, 2, 3, 4, 5, 6].map((i) => plusDays(start, i));
}

/** Regions whose weeks start on Sunday or Saturday (CLDR); everywhere else, Monday. */
const SUNDAY_REGIONS = new Set(
	'AG AS BD BR BS BT BW BZ CA CN CO DM DO ET GT GU HK HN ID IL IN JM JP KE KH KR LA MH MM MO MT MX MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW'.split(
		' '
	)
);
const SATURDAY_REGIONS = new Set('AE AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY'.split(' '));

/** The day a week starts on for a locale such as `en-US` (Sunday) or `de-DE` (Monday). */
export function weekStartFor(locale: string): WeekStart {
	try {
		const info =
			(
				new Intl.Locale(locale) as Intl.Locale & {
					getWeekInfo?: () => { firstDay: number };
					weekInfo?: { firstDay: number };
				}
			).getWeekInfo?.() ??
			(new Intl.Locale(locale) as { weekInfo?: { firstDay: number } }).weekInfo;
		if (info) return (info.firstDay % 7) as WeekStart;
	} catch {
		// Fall through to the table.
	}
	const region = new Intl.Locale(locale).maximize().region ?? '';
	if (SUNDAY_REGIONS.has(region)) return 0;
	if (SATURDAY_REGIONS.has(region)) return 6;
	return 1;
}
