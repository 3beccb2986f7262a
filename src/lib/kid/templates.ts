import type { MessageKey } from '$lib/i18n';

/** Schedule templates a parent starts from; labels come from the message catalog. */
export interface TemplateStep {
	label: MessageKey;
	pictogram: string;
	minutes?: number;
}

export interface ScheduleTemplate {
	id: 'morning' | 'after-school' | 'bedtime' | 'home-practice' | 'first-then' | 'empty';
	title: MessageKey;
	kind: 'routine' | 'first-then';
	pictogram: string;
	steps: TemplateStep[];
	days: number[];
}

export const TEMPLATES: ScheduleTemplate[] = [
	{
		id: 'morning',
		title: 'template.morning',
		kind: 'routine',
		pictogram: 'sun',
		days: [1, 2, 3, 4, 5],
		steps: [
			{ label: 'step.getUp', pictogram: 'bed' },
			{ label: 'step.toilet', pictogram: 'toilet' },
			{ label: 'step.getDressed', pictogram: 't-shirt' },
			{ label: 'step.breakfast', pictogram: 'bowl-with-spoon' },
			{ label: 'step.brushTeeth', pictogram: 'toothbrush', minutes: 2 },
			{ label: 'step.shoesOn', pictogram: 'running-shoe' },
			{ label: 'step.bag', pictogram: 'backpack' }
		]
	},
	{
		id: 'after-school',
		title: 'template.afterSchool',
		kind: 'routine',
		pictogram: 'house',
		days: [1, 2, 3, 4, 5],
		steps: [
			{ label: 'step.shoesOff', pictogram: 'running-shoe' },
			{ label: 'step.washHands', pictogram: 'wash-hands' },
			{ label: 'step.snack', pictogram: 'red-apple' },
			{ label: 'step.homework', pictogram: 'pencil', minutes: 15 },
			{ label: 'step.play', pictogram: 'teddy-bear' }
		]
	},
	{
		id: 'bedtime',
		title: 'template.bedtime',
		kind: 'routine',
		pictogram: 'crescent-moon',
		days: [0, 1, 2, 3, 4, 5, 6],
		steps: [
			{ label: 'step.bath', pictogram: 'bathtub' },
			{ label: 'step.pyjamas', pictogram: 't-shirt' },
			{ label: 'step.brushTeeth', pictogram: 'toothbrush', minutes: 2 },
			{ label: 'step.story', pictogram: 'books', minutes: 10 },
			{ label: 'step.lightsOff', pictogram: 'bed' }
		]
	},
	{
		id: 'home-practice',
		title: 'template.homePractice',
		kind: 'routine',
		pictogram: 'star',
		days: [0, 1, 2, 3, 4, 5, 6],
		steps: [
			{ label: 'step.getReady', pictogram: 'backpack' },
			{ label: 'step.practice', pictogram: 'star', minutes: 10 },
			{ label: 'step.tidyUp', pictogram: 'basket' }
		]
	},
	{
		id: 'first-then',
		title: 'template.firstThen',
		kind: 'first-then',
		pictogram: 'check-mark-button',
		days: [0, 1, 2, 3, 4, 5, 6],
		steps: [
			{ label: 'step.shoesOn', pictogram: 'running-shoe' },
			{ label: 'step.park', pictogram: 'playground-slide' }
		]
	},
	{
		id: 'empty',
		title: 'template.empty',
		kind: 'routine',
		pictogram: 'spiral-calendar',
		days: [0, 1, 2, 3, 4, 5, 6],
		steps: []
	}
];

/** Too many steps overwhelm young children: warn past this many, refuse past the maximum. */
export const STEP_WARNING = 8;
export const STEP_MAX = 12;
