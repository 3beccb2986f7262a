import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './helpers';

test('first run asks who uses Homeplay and the family home shows its empty state', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Welcome to Homeplay' })).toBeVisible();
	await page.getByRole('button', { name: /A parent or caregiver/ }).click();
	await expect(
		page.getByRole('heading', { name: 'Open the link your therapist sent you' })
	).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('the service worker controls the page and the app opens offline, also on a deep link never visited', async ({
	page,
	context
}) => {
	await page.goto('/');
	await page.getByRole('button', { name: /A parent or caregiver/ }).click();
	await waitForServiceWorker(page);

	await context.setOffline(true);
	await page.reload();
	await expect(
		page.getByRole('heading', { name: 'Open the link your therapist sent you' })
	).toBeVisible();

	await page.goto('/settings');
	await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Storage on this device' })).toBeVisible();
	await context.setOffline(false);
});

test('the web app manifest is complete and every icon it names loads', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const manifestUrl = new URL(href!, page.url()).toString();
	const manifest = await (await request.get(manifestUrl)).json();

	expect(manifest).toMatchObject({
		name: 'Homeplay',
		short_name: 'Homeplay',
		start_url: '/',
		scope: '/',
		display: 'standalone'
	});
	expect(manifest.description.length).toBeGreaterThan(20);
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

	const sizes = manifest.icons.map(
		(i: { sizes: string; purpose?: string }) => `${i.sizes}/${i.purpose}`
	);
	expect(sizes).toEqual(expect.arrayContaining(['192x192/any', '512x512/any', '512x512/maskable']));
	expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/today', '/kid']);

	const iconUrls = [
		...manifest.icons.map((i: { src: string }) => i.src),
		...manifest.shortcuts.flatMap((s: { icons: { src: string }[] }) => s.icons.map((i) => i.src)),
		await page.locator('link[rel="apple-touch-icon"]').getAttribute('href')
	];
	for (const src of iconUrls) {
		const response = await request.get(new URL(src, manifestUrl).toString());
		expect(response.status(), src).toBe(200);
		expect(response.headers()['content-type'], src).toContain('image/png');
	}
});

test('the server sends the security headers on pages, assets and the service worker', async ({
	request
}) => {
	for (const path of ['/', '/settings', '/service-worker.js', '/manifest.webmanifest']) {
		const response = await request.get(path);
		const headers = response.headers();
		expect(headers['referrer-policy'], path).toBe('no-referrer');
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['permissions-policy'], path).toContain('camera=()');
		const csp = headers['content-security-policy'];
		expect(csp, path).toContain("frame-ancestors 'none'");
	}
	const page = (await request.get('/')).headers()['content-security-policy'];
	expect(page).toContain("connect-src 'self'");
	expect(page).toContain("img-src 'self' blob: data:");
	expect(page).toMatch(/script-src 'self' 'sha256-[^']+'/);
	expect(page).not.toMatch(/script-src[^;]*unsafe-inline/);
});

test('no request leaves for another host', async ({ page }) => {
	const foreign: string[] = [];
	page.on('request', (req) => {
		const url = new URL(req.url());
		if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'))
			foreign.push(req.url());
	});
	await page.goto('/');
	await page.getByRole('button', { name: /A parent or caregiver/ }).click();
	for (const path of ['/today', '/library', '/settings', '/about', '/kid']) {
		await page.goto(path);
		await page.waitForLoadState('networkidle');
	}
	expect(foreign).toEqual([]);
});
