import { Workbox } from 'workbox-window';

/**
 * The service worker's life cycle as the page sees it. A new version never takes over by itself:
 * the person decides when to reload, so nothing they are typing or logging is lost.
 */
class AppUpdate {
	waiting = $state(false);
	#workbox: Workbox | undefined;
	#reloadRequested = false;
	#alreadyActive = false;

	register() {
		if (!('serviceWorker' in navigator) || this.#workbox) return;
		const workbox = new Workbox('/service-worker.js', { scope: '/', type: 'classic' });
		workbox.addEventListener('waiting', () => (this.waiting = true));
		workbox.addEventListener('controlling', (event) => {
			if (!event.isUpdate) return;
			// Another tab may have accepted the update: this one keeps its state and asks too.
			if (this.#reloadRequested) window.location.reload();
			else {
				this.#alreadyActive = true;
				this.waiting = true;
			}
		});
		this.#workbox = workbox;
		void workbox.register();
	}

	/** Activates the waiting version; the page reloads once it has taken control. */
	reload() {
		this.#reloadRequested = true;
		if (this.#alreadyActive || !this.#workbox) window.location.reload();
		else this.#workbox.messageSkipWaiting();
	}

	dismiss() {
		this.waiting = false;
	}
}

export const appUpdate = new AppUpdate();
