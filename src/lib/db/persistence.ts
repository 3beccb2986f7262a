/**
 * Asks the browser once per page load to keep Homeplay's storage when space runs low, the first
 * time the family saves anything. Browsers may say no (or ask the person); that is fine.
 */
let asked: Promise<boolean> | undefined;

export function requestPersistentStorage(): Promise<boolean> {
	asked ??= (async () => {
		const storage = globalThis.navigator?.storage;
		if (!storage?.persist) return false;
		try {
			return (await storage.persisted()) || (await storage.persist());
		} catch {
			return false;
		}
	})();
	return asked;
}

export interface StorageReport {
	usage?: number;
	quota?: number;
	persistent: boolean;
	supported: boolean;
}

/** How much the device holds for Homeplay and whether it is protected from eviction. */
export async function storageReport(): Promise<StorageReport> {
	const storage = globalThis.navigator?.storage;
	if (!storage?.estimate) return { persistent: false, supported: false };
	const [estimate, persistent] = await Promise.all([
		storage.estimate(),
		storage.persisted ? storage.persisted() : Promise.resolve(false)
	]);
	return { usage: estimate.usage, quota: estimate.quota, persistent, supported: true };
}
