/** The answers a family can give about how practice went and how the child felt. */

export const EASE = [
	{ value: 1, pictogram: 'persevering-face', key: 'ease.1' },
	{ value: 2, pictogram: 'frowning-face', key: 'ease.2' },
	{ value: 3, pictogram: 'neutral-face', key: 'ease.3' },
	{ value: 4, pictogram: 'slightly-smiling-face', key: 'ease.4' },
	{ value: 5, pictogram: 'grinning-face-with-big-eyes', key: 'ease.5' }
] as const;

export const MOODS = [
	{ value: 'happy', pictogram: 'grinning-face', key: 'mood.happy' },
	{ value: 'calm', pictogram: 'relieved-face', key: 'mood.calm' },
	{ value: 'silly', pictogram: 'zany-face', key: 'mood.silly' },
	{ value: 'tired', pictogram: 'sleeping-face', key: 'mood.tired' },
	{ value: 'upset', pictogram: 'crying-face', key: 'mood.upset' }
] as const;

export type Ease = (typeof EASE)[number]['value'];
export type Mood = (typeof MOODS)[number]['value'];
