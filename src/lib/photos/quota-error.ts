/**
 * Whether an error means the device is out of storage for Homeplay, so the UI can say "free some
 * space" instead of a generic failure. IndexedDB raises a DOMException named
 * `QuotaExceededError` (older Firefox: `NS_ERROR_DOM_QUOTA_REACHED`); Dexie wraps it in its own
 * errors and keeps the original in `inner` (an aborted transaction, `Dexie.QuotaExceededError`)
 * or in `failures` (a `BulkError`), sometimes several levels deep. Pure; works offline.
 */
export function isQuotaError(error: unknown): boolean {
	const seen = new Set<object>();
	const pending: unknown[] = [error];
	while (pending.length > 0) {
		const candidate = pending.pop();
		if (candidate === null || typeof candidate !== 'object' || seen.has(candidate)) continue;
		seen.add(candidate);
		const { name, code, inner, cause, failures } = candidate as {
			name?: unknown;
			code?: unknown;
			inner?: unknown;
			cause?: unknown;
			failures?: unknown;
		};
		if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
		// Legacy DOMException code QUOTA_EXCEEDED_ERR, for errors that lost their name.
		if (candidate instanceof DOMException && code === 22) return true;
		pending.push(inner, cause);
		if (Array.isArray(failures)) pending.push(...failures);
		else if (failures && typeof failures === 'object') pending.push(...Object.values(failures));
	}
	return false;
}
