import type { Page } from '@playwright/test';

/**
 * Test images for the photo journal, made with nothing but the browser under test and plain
 * byte handling: a real JPEG comes from the page's own encoder (`makeJpeg`), then
 * `withExifOrientation` tags it the way a phone would, GPS position included.
 *
 * The picture is recognisable in any orientation: the top half of the stored pixels is red,
 * the bottom half blue, and a green square sits in the stored top-left corner. So a photo tagged
 * orientation 6 ("turn a quarter clockwise") shows upright with red on the right, blue on the
 * left and green at the top right.
 */

export interface JpegOptions {
	width: number;
	height: number;
	/** Encoder quality, 0–1 (default 0.92). */
	quality?: number;
	/**
	 * Random noise of this amplitude (0–255) over the pattern, so the JPEG is as hard to compress
	 * as a real photo while the colours stay recognisable (default 0: flat colours).
	 */
	noise?: number;
}

/** A JPEG of the test pattern, encoded by the page's browser (`OffscreenCanvas.convertToBlob`). */
export async function makeJpeg(page: Page, options: JpegOptions): Promise<Uint8Array> {
	const base64 = await page.evaluate(
		async ({ width, height, quality, noise }) => {
			const canvas = new OffscreenCanvas(width, height);
			const ctx = canvas.getContext('2d');
			if (!ctx) throw new Error('no 2D canvas');
			const half = Math.ceil(height / 2);
			ctx.fillStyle = '#ff0000';
			ctx.fillRect(0, 0, width, half);
			ctx.fillStyle = '#0000ff';
			ctx.fillRect(0, half, width, height - half);
			const mark = Math.max(1, Math.round(Math.min(width, height) / 4));
			ctx.fillStyle = '#00ff00';
			ctx.fillRect(0, 0, mark, mark);
			if (noise > 0) {
				// Row bands keep the memory of a 12-megapixel image in check.
				const band = 256;
				for (let y = 0; y < height; y += band) {
					const rows = Math.min(band, height - y);
					const image = ctx.getImageData(0, y, width, rows);
					const random = new Uint8Array(image.data.length);
					for (let i = 0; i < random.length; i += 65536)
						crypto.getRandomValues(random.subarray(i, Math.min(i + 65536, random.length)));
					for (let i = 0; i < image.data.length; i++)
						if (i % 4 !== 3)
							image.data[i] = Math.min(
								255,
								Math.max(0, image.data[i] + ((random[i] * noise) >> 8) - (noise >> 1))
							);
					ctx.putImageData(image, 0, y);
				}
			}
			const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
			const bytes = new Uint8Array(await blob.arrayBuffer());
			let binary = '';
			for (let i = 0; i < bytes.length; i += 0x8000)
				binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
			return btoa(binary);
		},
		{
			width: options.width,
			height: options.height,
			quality: options.quality ?? 0.92,
			noise: options.noise ?? 0
		}
	);
	return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** Written into the fake GPS block (as GPSMapDatum), so a test can search output bytes for it. */
export const GPS_MARKER = 'HOMEPLAY-TEST-GPS-52.52N-13.41E';

export interface ExifOptions {
	/** TIFF byte order of the Exif block: "MM" (big-endian, default) or "II" (little-endian). */
	byteOrder?: 'MM' | 'II';
}

/**
 * A copy of `jpegBytes` with an APP1 Exif segment inserted right after SOI: IFD0 holds the
 * orientation and a pointer to a GPS IFD with a latitude, a longitude and `GPS_MARKER`.
 * Any orientation number is written as given, so tests can also write invalid ones.
 */
export function withExifOrientation(
	jpegBytes: Uint8Array,
	orientation: number,
	options: ExifOptions = {}
): Uint8Array {
	if (jpegBytes[0] !== 0xff || jpegBytes[1] !== 0xd8) throw new Error('not a JPEG (no SOI)');
	const little = options.byteOrder === 'II';
	const marker = new TextEncoder().encode(`${GPS_MARKER}\0`);
	// TIFF layout: header (8) · IFD0 (2 entries) · GPS IFD (6 entries) · rationals · marker text.
	const ifd0 = 8;
	const gpsIfd = ifd0 + 2 + 2 * 12 + 4;
	const latitude = gpsIfd + 2 + 6 * 12 + 4;
	const longitude = latitude + 24;
	const text = longitude + 24;
	const tiff = new DataView(new ArrayBuffer(text + marker.length));
	tiff.setUint16(0, little ? 0x4949 : 0x4d4d);
	tiff.setUint16(2, 42, little);
	tiff.setUint32(4, ifd0, little);

	let at = ifd0;
	const entry = (tag: number, type: number, count: number, write: (valueAt: number) => void) => {
		tiff.setUint16(at, tag, little);
		tiff.setUint16(at + 2, type, little);
		tiff.setUint32(at + 4, count, little);
		write(at + 8);
		at += 12;
	};
	const SHORT = 3;
	const LONG = 4;
	const ASCII = 2;
	const BYTE = 1;
	const RATIONAL = 5;

	tiff.setUint16(at, 2, little);
	at += 2;
	entry(0x0112, SHORT, 1, (v) => tiff.setUint16(v, orientation, little));
	entry(0x8825, LONG, 1, (v) => tiff.setUint32(v, gpsIfd, little));
	tiff.setUint32(at, 0, little);

	at = gpsIfd;
	tiff.setUint16(at, 6, little);
	at += 2;
	entry(0x0000, BYTE, 4, (v) => [2, 3, 0, 0].forEach((b, i) => tiff.setUint8(v + i, b)));
	entry(0x0001, ASCII, 2, (v) => tiff.setUint8(v, 'N'.charCodeAt(0)));
	entry(0x0002, RATIONAL, 3, (v) => tiff.setUint32(v, latitude, little));
	entry(0x0003, ASCII, 2, (v) => tiff.setUint8(v, 'E'.charCodeAt(0)));
	entry(0x0004, RATIONAL, 3, (v) => tiff.setUint32(v, longitude, little));
	entry(0x0012, ASCII, marker.length, (v) => tiff.setUint32(v, text, little));
	tiff.setUint32(at, 0, little);

	const rationals = (offset: number, values: [number, number][]) =>
		values.forEach(([numerator, denominator], i) => {
			tiff.setUint32(offset + i * 8, numerator, little);
			tiff.setUint32(offset + i * 8 + 4, denominator, little);
		});
	rationals(latitude, [
		[52, 1],
		[31, 1],
		[1200, 100]
	]);
	rationals(longitude, [
		[13, 1],
		[24, 1],
		[3600, 100]
	]);
	new Uint8Array(tiff.buffer).set(marker, text);

	const payload = new Uint8Array(6 + tiff.byteLength);
	payload.set(new TextEncoder().encode('Exif\0\0'));
	payload.set(new Uint8Array(tiff.buffer), 6);
	const length = payload.length + 2;
	if (length > 0xffff) throw new Error('Exif block too long');
	const out = new Uint8Array(jpegBytes.length + 4 + payload.length);
	out.set([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 0xff]);
	out.set(payload, 6);
	out.set(jpegBytes.subarray(2), 6 + payload.length);
	return out;
}

/** Whether bytes (a processed photo, say) still carry an Exif block or the fake GPS data. */
export function metadataIn(bytes: Uint8Array): { exif: boolean; gps: boolean } {
	const text = Buffer.from(bytes).toString('latin1');
	return { exif: text.includes('Exif\0\0'), gps: text.includes(GPS_MARKER) };
}

export type ColourName = 'red' | 'green' | 'blue' | 'white' | 'black' | 'other';

/** The nearest pattern colour of a pixel, or "other" when it is near none of them. */
export function colourName([r, g, b]: readonly number[]): ColourName {
	const named: [ColourName, number[]][] = [
		['red', [255, 0, 0]],
		['green', [0, 255, 0]],
		['blue', [0, 0, 255]],
		['white', [255, 255, 255]],
		['black', [0, 0, 0]]
	];
	const distance = (c: number[]) => Math.hypot(r - c[0], g - c[1], b - c[2]);
	const [name, colour] = named.reduce((best, next) =>
		distance(next[1]) < distance(best[1]) ? next : best
	);
	return distance(colour) < 120 ? name : 'other';
}

export interface ImageInspection {
	width: number;
	height: number;
	/** The pixel at each requested point, as [r, g, b]. */
	pixels: [number, number, number][];
}

/**
 * Decodes image bytes in the page (createImageBitmap, EXIF orientation applied) and reads the
 * pixels at `points`, given as fractions of the width and height: [0.75, 0.5] is three quarters
 * across, half-way down.
 */
export async function inspectImage(
	page: Page,
	bytes: Uint8Array,
	points: [number, number][]
): Promise<ImageInspection> {
	return page.evaluate(
		async ({ base64, points }) => {
			const binary = atob(base64);
			const data = new Uint8Array(binary.length);
			for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
			const bitmap = await createImageBitmap(new Blob([data]), { imageOrientation: 'from-image' });
			const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
			const ctx = canvas.getContext('2d');
			if (!ctx) throw new Error('no 2D canvas');
			ctx.drawImage(bitmap, 0, 0);
			const pixels = points.map(([fx, fy]) => {
				const x = Math.min(bitmap.width - 1, Math.floor(fx * bitmap.width));
				const y = Math.min(bitmap.height - 1, Math.floor(fy * bitmap.height));
				const [r, g, b] = ctx.getImageData(x, y, 1, 1).data;
				return [r, g, b] as [number, number, number];
			});
			return { width: bitmap.width, height: bitmap.height, pixels };
		},
		{ base64: Buffer.from(bytes).toString('base64'), points }
	);
}
