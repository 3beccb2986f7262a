/**
 * Calls `read` with the link payload in the URL fragment now and whenever it changes (a second
 * link opened in the same tab). Returns the function that stops listening, for onMount.
 */
export function watchFragment(read: (payload: string) => Promise<void>): () => void {
	const current = () => void read(decodeURIComponent(location.hash.slice(1)));
	current();
	window.addEventListener('hashchange', current);
	return () => window.removeEventListener('hashchange', current);
}
