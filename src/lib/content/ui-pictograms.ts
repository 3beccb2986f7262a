/**
 * Pictograms the app's own screens use beyond those in activity files (schedule templates,
 * the pictogram picker, empty states). Shipped alongside the library's pictograms.
 */
export const UI_PICTOGRAMS = [
	'house',
	'star',
	'sun',
	'crescent-moon',
	'toothbrush',
	't-shirt',
	'bowl-with-spoon',
	'backpack',
	'bed',
	'books',
	'check-mark',
	'hourglass-done',
	'red-heart',
	'grinning-face',
	'teddy-bear',
	'magnifying-glass-tilted-left',
	'warning',
	'party-popper',
	'glowing-star',
	'camera',
	'persevering-face',
	'frowning-face',
	'neutral-face',
	'slightly-smiling-face',
	'grinning-face-with-big-eyes',
	'spiral-calendar',
	'wrapped-gift',
	'stopwatch'
] as const;
