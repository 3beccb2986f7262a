/** The fixed vocabularies of the activity library, shared by the build pipeline and the UI. */

export const GOAL_AREAS = [
	'fine-motor',
	'gross-motor',
	'sensory-processing',
	'self-care',
	'visual-motor-handwriting',
	'executive-function',
	'emotional-regulation',
	'social-play',
	'feeding'
] as const;
export type GoalArea = (typeof GOAL_AREAS)[number];

export const AGE_BANDS = ['0-3', '3-5', '6-9', '10-13'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const SETTINGS = [
	'home',
	'outdoors',
	'bath',
	'mealtime',
	'bedtime',
	'car',
	'on-the-go'
] as const;
export type Setting = (typeof SETTINGS)[number];
