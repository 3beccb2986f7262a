import * as settings from '$lib/db/settings';
import type { PinHash } from '$lib/kid/gate';

/**
 * Kid mode: which child it is for, and whether a grown-up has passed the gate. The gate opens
 * for one way out only: `unlocked` is reset as soon as kid mode is entered again.
 */
class KidMode {
	childId = $state<string>();
	unlocked = $state(false);
	gateOpen = $state(false);
	pin = $state.raw<PinHash>();
	/** Where to go once the grown-up check passes. */
	pendingExit = $state<string>();

	async enter(childId: string | undefined) {
		this.unlocked = false;
		this.pin = await settings.get<PinHash | undefined>('parentGate', undefined);
		const remembered = await settings.get<string | undefined>('kidChild', undefined);
		this.childId = childId ?? remembered;
		if (childId) await settings.put('kidChild', childId);
	}

	/** Asks for the grown-up check before leaving for `href`. */
	askToLeave(href: string) {
		this.pendingExit = href;
		this.gateOpen = true;
	}
}

export const kidMode = new KidMode();
