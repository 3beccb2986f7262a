/**
 * Why a push endpoint is refused, or `undefined` when it is an `https:` URL on an allow-listed
 * host. The server posts to these URLs on its own, so anything else would let a client aim it
 * at an arbitrary (possibly internal) address.
 */
export function pushEndpointProblem(endpoint: string, allowList: string[]): string | undefined {
	let url: URL;
	try {
		url = new URL(endpoint);
	} catch {
		return 'The push endpoint is not a URL.';
	}
	if (url.protocol !== 'https:') return 'The push endpoint must use https.';
	if (url.username || url.password) return 'The push endpoint must not carry credentials.';
	if (!isAllowedHost(url.hostname, allowList)) return 'The push endpoint host is not allowed.';
	return undefined;
}

/** Whether `hostname` is listed, or is a subdomain of a `*.`-prefixed entry. */
export function isAllowedHost(hostname: string, allowList: string[]): boolean {
	const host = hostname.toLowerCase();
	return allowList.some((entry) =>
		entry.startsWith('*.')
			? host.endsWith(entry.slice(1)) && host.length > entry.length - 1
			: host === entry
	);
}
