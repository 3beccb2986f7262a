import { describe, expect, it } from 'vitest';
import {
	DISPLAY_MAX_EDGE,
	THUMBNAIL_MAX_EDGE,
	fitWithin,
	orientationTransform,
	orientedSize,
	readImageSize,
	readJpegOrientation,
	shrink,
	sniffImageType,
	swapsAxes,
	withOrientationTag,
	type ExifOrientation
} from '$lib/photos/sizing';
import { GPS_MARKER, metadataIn, withExifOrientation } from '../e2e/support/photos';

const ORIENTATIONS: ExifOrientation[] = [1, 2, 3, 4, 5, 6, 7, 8];

describe('target sizes', () => {
	it('fits the long side within the limit and keeps the aspect ratio', () => {
		expect(fitWithin({ width: 4000, height: 3000 }, DISPLAY_MAX_EDGE)).toEqual({
			width: 1600,
			height: 1200
		});
		expect(fitWithin({ width: 3000, height: 4000 }, DISPLAY_MAX_EDGE)).toEqual({
			width: 1200,
			height: 1600
		});
		expect(fitWithin({ width: 4032, height: 3024 }, THUMBNAIL_MAX_EDGE)).toEqual({
			width: 320,
			height: 240
		});
		expect(fitWithin({ width: 1600, height: 900 }, DISPLAY_MAX_EDGE)).toEqual({
			width: 1600,
			height: 900
		});
	});

	it('never upscales a small image', () => {
		expect(fitWithin({ width: 800, height: 600 }, DISPLAY_MAX_EDGE)).toEqual({
			width: 800,
			height: 600
		});
		expect(fitWithin({ width: 1, height: 1 }, THUMBNAIL_MAX_EDGE)).toEqual({ width: 1, height: 1 });
		expect(fitWithin({ width: 200, height: 50 }, THUMBNAIL_MAX_EDGE)).toEqual({
			width: 200,
			height: 50
		});
	});

	it('keeps at least one pixel on a very thin image', () => {
		expect(fitWithin({ width: 20000, height: 3 }, THUMBNAIL_MAX_EDGE)).toEqual({
			width: 320,
			height: 1
		});
	});

	it('refuses sizes that are not an image', () => {
		expect(() => fitWithin({ width: 0, height: 10 }, 100)).toThrow(RangeError);
		expect(() => fitWithin({ width: Number.NaN, height: 10 }, 100)).toThrow(RangeError);
	});

	it('shrinks by a factor, never to nothing', () => {
		expect(shrink({ width: 1600, height: 1200 }, 0.8)).toEqual({ width: 1280, height: 960 });
		expect(shrink({ width: 1, height: 1 }, 0.8)).toEqual({ width: 1, height: 1 });
	});
});

/** Where the EXIF specification puts the stored row 0 and column 0 for each orientation. */
const SPEC: Record<ExifOrientation, { row0: Side; column0: Side }> = {
	1: { row0: 'top', column0: 'left' },
	2: { row0: 'top', column0: 'right' },
	3: { row0: 'bottom', column0: 'right' },
	4: { row0: 'bottom', column0: 'left' },
	5: { row0: 'left', column0: 'top' },
	6: { row0: 'right', column0: 'top' },
	7: { row0: 'right', column0: 'bottom' },
	8: { row0: 'left', column0: 'bottom' }
};
type Side = 'top' | 'bottom' | 'left' | 'right';
const opposite: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };

/** The corner where two perpendicular sides of a width × height rectangle meet. */
function corner(a: Side, b: Side, width: number, height: number): [number, number] {
	const sides = [a, b];
	const x = sides.includes('right') ? width : 0;
	const y = sides.includes('bottom') ? height : 0;
	return [x, y];
}

describe('EXIF orientation', () => {
	it('swaps width and height exactly for the quarter turns 5–8', () => {
		expect(ORIENTATIONS.filter(swapsAxes)).toEqual([5, 6, 7, 8]);
		expect(orientedSize({ width: 4, height: 3 }, 6)).toEqual({ width: 3, height: 4 });
		expect(orientedSize({ width: 4, height: 3 }, 3)).toEqual({ width: 4, height: 3 });
	});

	it.each(ORIENTATIONS)('orientation %i: the transform puts stored pixels where EXIF says', (o) => {
		const stored = { width: 40, height: 30 };
		const upright = orientedSize(stored, o);
		const [a, b, c, d, e, f] = orientationTransform(o, stored);
		const apply = ([x, y]: [number, number]) => [a * x + c * y + e, b * x + d * y + f];
		const { row0, column0 } = SPEC[o];
		const { width: W, height: H } = upright;
		// The stored first pixel, the end of the first row and the end of the first column.
		expect(apply([0, 0])).toEqual(corner(row0, column0, W, H));
		expect(apply([stored.width, 0])).toEqual(corner(row0, opposite[column0], W, H));
		expect(apply([0, stored.height])).toEqual(corner(opposite[row0], column0, W, H));
		// And the whole stored rectangle lands exactly on the upright canvas.
		const far = apply([stored.width, stored.height]);
		expect(far).toEqual(corner(opposite[row0], opposite[column0], W, H));
	});
});

// --- Minimal JPEG byte streams: enough structure for marker parsing, no real image data. ---

type ByteOrder = 'II' | 'MM';

const segment = (marker: number, payload: ArrayLike<number>) => [
	0xff,
	marker,
	(payload.length + 2) >> 8,
	(payload.length + 2) & 0xff,
	...Array.from(payload)
];
const SOI = [0xff, 0xd8];
const APP0_JFIF = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
const DQT = segment(0xdb, [0, ...new Array(64).fill(1)]);
const sof0 = (width: number, height: number) =>
	segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
const DHT = segment(0xc4, [0, ...new Array(16).fill(0)]);
const SCAN = [...segment(0xda, [1, 1, 0, 0, 63, 0]), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd9];

/** An Exif APP1 whose IFD0 holds Make (pointing at text) and then the orientation entry. */
function exifApp1(orientation: number, order: ByteOrder, orientationType = 3): number[] {
	const little = order === 'II';
	const tiff = new DataView(new ArrayBuffer(8 + 2 + 2 * 12 + 4 + 6));
	tiff.setUint16(0, little ? 0x4949 : 0x4d4d);
	tiff.setUint16(2, 42, little);
	tiff.setUint32(4, 8, little);
	tiff.setUint16(8, 2, little);
	// Make, ASCII, 6 bytes at offset 38.
	tiff.setUint16(10, 0x010f, little);
	tiff.setUint16(12, 2, little);
	tiff.setUint32(14, 6, little);
	tiff.setUint32(18, 38, little);
	// Orientation, SHORT, count 1, value in the first two bytes of the value field.
	tiff.setUint16(22, 0x0112, little);
	tiff.setUint16(24, orientationType, little);
	tiff.setUint32(26, 1, little);
	tiff.setUint16(30, orientation, little);
	tiff.setUint32(34, 0, little);
	[...'Phone\0'].forEach((char, i) => tiff.setUint8(38 + i, char.charCodeAt(0)));
	return segment(
		0xe1,
		[...'Exif\0\0'].map((c) => c.charCodeAt(0)).concat([...new Uint8Array(tiff.buffer)])
	);
}

const XMP_APP1 = segment(
	0xe1,
	[...'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>'].map((c) => c.charCodeAt(0))
);

const jpeg = (...parts: number[][]) => new Uint8Array(parts.flat());

/** A small deterministic generator, so "garbage" tests are repeatable. */
function randomBytes(length: number, seed: number): Uint8Array {
	const out = new Uint8Array(length);
	let state = seed >>> 0 || 1;
	for (let i = 0; i < length; i++) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		out[i] = state & 0xff;
	}
	return out;
}

describe('reading the JPEG EXIF orientation', () => {
	it.each(ORIENTATIONS.flatMap((o) => [[o, 'MM'] as const, [o, 'II'] as const]))(
		'reads orientation %i in byte order %s',
		(orientation, order) => {
			const file = jpeg(SOI, APP0_JFIF, exifApp1(orientation, order), DQT, sof0(40, 30), SCAN);
			expect(readJpegOrientation(file)).toBe(orientation);
			expect(readJpegOrientation(file.buffer)).toBe(orientation);
		}
	);

	it('reads a view into a larger buffer at its own offset', () => {
		const file = jpeg(SOI, exifApp1(6, 'II'), SCAN);
		const padded = new Uint8Array(file.length + 7);
		padded.set(file, 5);
		expect(readJpegOrientation(padded.subarray(5, 5 + file.length))).toBe(6);
	});

	it('skips an XMP APP1 and fill bytes before the Exif segment', () => {
		const file = jpeg(SOI, [0xff, 0xff], XMP_APP1, exifApp1(8, 'MM'), SCAN);
		expect(readJpegOrientation(file)).toBe(8);
	});

	it('is upright (1) without EXIF, for other formats and for values outside 1–8', () => {
		expect(readJpegOrientation(jpeg(SOI, APP0_JFIF, DQT, sof0(4, 4), SCAN))).toBe(1);
		expect(readJpegOrientation(jpeg(SOI, XMP_APP1, SCAN))).toBe(1);
		expect(readJpegOrientation(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]))).toBe(1);
		expect(readJpegOrientation(jpeg(SOI, exifApp1(0, 'MM'), SCAN))).toBe(1);
		expect(readJpegOrientation(jpeg(SOI, exifApp1(9, 'II'), SCAN))).toBe(1);
		expect(readJpegOrientation(jpeg(SOI, exifApp1(6, 'MM', 4), SCAN))).toBe(1);
		expect(readJpegOrientation(new Uint8Array())).toBe(1);
	});

	it('does not look past the start of the image data', () => {
		const file = jpeg(SOI, SCAN.slice(0, -2), exifApp1(6, 'MM'));
		expect(readJpegOrientation(file)).toBe(1);
	});

	it('reads every truncation of a tagged file without throwing, as 1 until the tag is there', () => {
		const file = jpeg(SOI, APP0_JFIF, exifApp1(6, 'MM'), DQT, sof0(40, 30), SCAN);
		const exifEnd = SOI.length + APP0_JFIF.length + exifApp1(6, 'MM').length;
		for (let length = 0; length <= file.length; length++) {
			const expected = length >= exifEnd ? 6 : 1;
			expect(readJpegOrientation(file.subarray(0, length)), `first ${length} bytes`).toBe(expected);
		}
	});

	it('survives garbage: random bytes, and random bytes behind a JPEG start', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const noise = randomBytes(64 + (seed % 200), seed);
			expect([1, 2, 3, 4, 5, 6, 7, 8]).toContain(readJpegOrientation(noise));
			const fake = jpeg(SOI, [0xff, 0xe1], Array.from(noise));
			expect([1, 2, 3, 4, 5, 6, 7, 8]).toContain(readJpegOrientation(fake));
		}
	});

	it('survives an Exif segment whose IFD points outside it', () => {
		const app1 = exifApp1(6, 'MM');
		// The IFD0 offset sits 4 bytes into the TIFF header, after "Exif\0\0" and the length.
		const broken = app1.slice();
		broken[4 + 6 + 4] = 0x7f;
		expect(readJpegOrientation(jpeg(SOI, broken, SCAN))).toBe(1);
	});

	it('reads back the tag the pipeline writes for its decoder probe', () => {
		for (const o of ORIENTATIONS)
			expect(readJpegOrientation(withOrientationTag(jpeg(SOI, APP0_JFIF, SCAN), o))).toBe(o);
		expect(() => withOrientationTag(new Uint8Array([1, 2, 3]), 6)).toThrow();
	});
});

describe('the end-to-end test helper withExifOrientation', () => {
	it.each(ORIENTATIONS)('writes orientation %i in both byte orders, with GPS data', (o) => {
		const plain = jpeg(SOI, APP0_JFIF, DQT, sof0(40, 30), SCAN);
		for (const byteOrder of ['MM', 'II'] as const) {
			const tagged = withExifOrientation(plain, o, { byteOrder });
			expect(readJpegOrientation(tagged)).toBe(o);
			expect(metadataIn(tagged)).toEqual({ exif: true, gps: true });
			// The original stream follows the new segment unchanged.
			expect([...tagged.subarray(tagged.length - plain.length + 2)]).toEqual([
				...plain.subarray(2)
			]);
			expect(readImageSize(tagged)).toEqual({ width: 40, height: 30 });
		}
	});

	it('finds no metadata in bytes without it', () => {
		expect(metadataIn(jpeg(SOI, APP0_JFIF, SCAN))).toEqual({ exif: false, gps: false });
		expect(GPS_MARKER.length).toBeGreaterThan(8);
	});
});

describe('recognising images from their bytes', () => {
	const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
	const le16 = (n: number) => [n & 0xff, n >> 8];
	const le24 = (n: number) => [n & 0xff, (n >> 8) & 0xff, n >> 16];
	const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

	const png = (w: number, h: number) =>
		new Uint8Array([
			...[0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10],
			...be32(13),
			...ascii('IHDR'),
			...be32(w),
			...be32(h),
			8,
			6,
			0,
			0,
			0
		]);
	const gif = (w: number, h: number) =>
		new Uint8Array([...ascii('GIF89a'), ...le16(w), ...le16(h), 0, 0, 0]);
	const riff = (chunk: number[]) =>
		new Uint8Array([...ascii('RIFF'), ...[0, 0, 0, 0], ...ascii('WEBP'), ...chunk]);
	const webpX = (w: number, h: number) =>
		riff([...ascii('VP8X'), 10, 0, 0, 0, 0, 0, 0, 0, ...le24(w - 1), ...le24(h - 1)]);
	const webpL = (w: number, h: number) => {
		const bits = (w - 1) | ((h - 1) << 14);
		return riff([...ascii('VP8L'), 5, 0, 0, 0, 0x2f, ...be32(bits).reverse(), 0, 0, 0, 0]);
	};
	const webpLossy = (w: number, h: number) =>
		riff([...ascii('VP8 '), 10, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, ...le16(w), ...le16(h)]);

	it('names the format from its signature, whatever the file claims', () => {
		expect(sniffImageType(jpeg(SOI, APP0_JFIF, SCAN))).toBe('image/jpeg');
		expect(sniffImageType(png(1, 1))).toBe('image/png');
		expect(sniffImageType(gif(1, 1))).toBe('image/gif');
		expect(sniffImageType(webpX(1, 1))).toBe('image/webp');
		expect(sniffImageType(new Uint8Array([0, 0, 0, 24, ...ascii('ftypheic')]))).toBe('image/heic');
		expect(sniffImageType(new Uint8Array([0, 0, 0, 24, ...ascii('ftypavif')]))).toBe('image/avif');
		expect(sniffImageType(new Uint8Array(ascii('%PDF-1.7 ...')))).toBeUndefined();
		expect(sniffImageType(new Uint8Array(ascii('<svg xmlns="">')))).toBeUndefined();
		expect(sniffImageType(new Uint8Array())).toBeUndefined();
	});

	it('reads the stored size from the header without decoding', () => {
		expect(
			readImageSize(jpeg(SOI, APP0_JFIF, exifApp1(6, 'II'), DQT, DHT, sof0(4032, 3024), SCAN))
		).toEqual({
			width: 4032,
			height: 3024
		});
		expect(readImageSize(png(12000, 9000))).toEqual({ width: 12000, height: 9000 });
		expect(readImageSize(gif(300, 200))).toEqual({ width: 300, height: 200 });
		expect(readImageSize(webpX(16383, 2))).toEqual({ width: 16383, height: 2 });
		expect(readImageSize(webpL(640, 480))).toEqual({ width: 640, height: 480 });
		expect(readImageSize(webpLossy(1600, 1200))).toEqual({ width: 1600, height: 1200 });
	});

	it('is undefined when the header is missing or cut short', () => {
		expect(readImageSize(jpeg(SOI, APP0_JFIF, DQT))).toBeUndefined();
		expect(readImageSize(png(10, 10).subarray(0, 20))).toBeUndefined();
		expect(readImageSize(png(0, 10))).toBeUndefined();
		expect(readImageSize(new Uint8Array([1, 2, 3]))).toBeUndefined();
		for (let seed = 1; seed <= 100; seed++) readImageSize(randomBytes(40, seed));
	});
});
