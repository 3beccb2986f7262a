// Client-rendered app shell, prerendered so any static host can serve it too.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
