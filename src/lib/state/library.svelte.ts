import type { Activity, LibraryIndex } from '$lib/content/library-types';

/**
 * The activity library as the app sees it: the index (fetched once) and activity details
 * (fetched on demand). Both are precached by the service worker, so they load offline.
 */
class Library {
	index = $state<LibraryIndex | undefined>(undefined);
	/** The index by activity id. */
	byId = $derived(this.index ? new Map(this.index.map((entry) => [entry.id, entry])) : undefined);
	failed = $state(false);
	#indexRequest: Promise<LibraryIndex | undefined> | undefined;
	#details = new Map<string, Promise<Activity | undefined>>();

	/** Loads the index once; a failed load can be retried by calling again. */
	load(): Promise<LibraryIndex | undefined> {
		this.#indexRequest ??= fetchJson<LibraryIndex>('/activities/index.json').then(
			(index) => {
				this.index = index;
				this.failed = false;
				return index;
			},
			() => {
				this.failed = true;
				this.#indexRequest = undefined;
				return undefined;
			}
		);
		return this.#indexRequest;
	}

	/** The names of every pictogram the app ships (for pickers). */
	pictograms = $state<string[]>();
	#pictogramRequest: Promise<string[] | undefined> | undefined;

	loadPictograms(): Promise<string[] | undefined> {
		this.#pictogramRequest ??= fetchJson<string[]>('/pictograms/index.json').then(
			(names) => (this.pictograms = names),
			() => {
				this.#pictogramRequest = undefined;
				return undefined;
			}
		);
		return this.#pictogramRequest;
	}

	/** One activity's full text; undefined when the library has no such activity. */
	detail(id: string): Promise<Activity | undefined> {
		if (!/^[a-z0-9-]+$/.test(id)) return Promise.resolve(undefined);
		let request = this.#details.get(id);
		if (!request) {
			request = this.#fetchDetail(id).catch((error: unknown) => {
				this.#details.delete(id);
				if (error instanceof NotFound) return undefined;
				throw error;
			});
			this.#details.set(id, request);
		}
		return request;
	}

	async #fetchDetail(id: string): Promise<Activity> {
		// The index answers "no such activity" without a request, which matters offline.
		const index = await this.load();
		if (index && !index.some((entry) => entry.id === id)) throw new NotFound(id);
		return fetchJson<Activity>(`/activities/${id}.json`);
	}
}

class NotFound extends Error {}

async function fetchJson<T>(url: string): Promise<T> {
	const response = await fetch(url);
	if (response.status === 404) throw new NotFound(url);
	if (!response.ok) throw new Error(`${url}: ${response.status}`);
	const type = response.headers.get('content-type') ?? '';
	// An unknown id falls through to the app shell (HTML) offline: that is "not found" too.
	if (!type.includes('json')) throw new NotFound(url);
	return (await response.json()) as T;
}

export const library = new Library();
