/** Stars and the reward goal a parent set ("5 stars → park trip"). */

export interface RewardGoal {
	stars: number;
	label: string;
	/** Stars count from this day on; reset when the reward is given. */
	since: string;
}

export function rewardProgress(earned: number, goal: RewardGoal | undefined) {
	if (!goal) return undefined;
	const shown = Math.min(earned, goal.stars);
	return {
		earned,
		shown,
		needed: goal.stars,
		reached: earned >= goal.stars,
		fraction: shown / goal.stars
	};
}

/** A run earns one star the first time all its steps are checked. */
export function starsForRun(stepsDone: readonly string[], allSteps: readonly string[]) {
	return allSteps.length > 0 && allSteps.every((id) => stepsDone.includes(id)) ? 1 : 0;
}
