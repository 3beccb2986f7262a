import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import {
	PHOTO_LIMITS,
	PhotoError,
	isQuotaError,
	processPhoto,
	type PhotoErrorReason
} from '$lib/photos/process-photo';
import {
	QUALITY_STEPS,
	orientationTransform,
	orientedSize,
	readImageSize,
	readJpegOrientation
} from '$lib/photos/sizing';
import { withExifOrientation } from '../e2e/support/photos';

/**
 * The decisions of processPhoto — orientation, sizes, quality steps, WebP → JPEG fallback,
 * errors — against a fake decoder and canvas. Real decoding and encoding are covered in the
 * browser by the end-to-end tests.
 */

const segment = (marker: number, payload: number[]) => [
	0xff,
	marker,
	(payload.length + 2) >> 8,
	(payload.length + 2) & 0xff,
	...payload
];

/** A JPEG byte stream with a real frame header (size) and `padding` bytes of scan data. */
function jpegBytes(width: number, height: number, padding = 0): Uint8Array<ArrayBuffer> {
	const head = [
		0xff,
		0xd8,
		...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
		...segment(0xda, [1, 1, 0, 0, 63, 0])
	];
	const out = new Uint8Array(head.length + padding + 2);
	out.set(head);
	out.set([0xff, 0xd9], out.length - 2);
	return out;
}

const photoFile = (width: number, height: number, orientation?: number) => {
	const bytes = jpegBytes(width, height, 1000);
	const tagged = orientation ? withExifOrientation(bytes, orientation) : bytes;
	return new Blob([tagged as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' });
};

interface Encode {
	type: string;
	quality: number;
	width: number;
	height: number;
	size: number;
}

/** What the fake browser can do, and what it was asked to do. */
const browser = {
	webp: true,
	decoderOrients: true,
	/** Encoded bytes per pixel at quality 1: how hard the picture is to compress. */
	bytesPerPixel: 0.15,
	encodes: [] as Encode[],
	bitmaps: [] as { close: () => void; closed: boolean }[],
	canvases: [] as FakeCanvas[]
};

class FakeCanvas {
	ops: unknown[][] = [];
	constructor(
		public width: number,
		public height: number
	) {
		browser.canvases.push(this);
	}
	getContext() {
		const ops = this.ops;
		return {
			fillStyle: '',
			imageSmoothingEnabled: false,
			imageSmoothingQuality: 'low',
			fillRect: (...args: unknown[]) => ops.push(['fillRect', ...args]),
			setTransform: (...args: unknown[]) => ops.push(['setTransform', ...args]),
			drawImage: (...args: unknown[]) => ops.push(['drawImage', ...args])
		};
	}
	async convertToBlob({ type, quality }: { type: string; quality: number }) {
		const actual = type === 'image/webp' && !browser.webp ? 'image/png' : type;
		const size = Math.max(
			64,
			Math.round(this.width * this.height * browser.bytesPerPixel * quality)
		);
		browser.encodes.push({ type: actual, quality, width: this.width, height: this.height, size });
		const bytes =
			actual === 'image/jpeg' ? jpegBytes(this.width, this.height, size) : new Uint8Array(size);
		return new Blob([bytes], { type: actual });
	}
}

/** Decodes the fake JPEGs above: the size from the header, EXIF applied if the "browser" does. */
async function fakeCreateImageBitmap(blob: Blob, options?: ImageBitmapOptions) {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	const stored = readImageSize(bytes);
	if (!stored)
		throw new DOMException('The source image could not be decoded.', 'InvalidStateError');
	const applies = browser.decoderOrients && options?.imageOrientation === 'from-image';
	const { width, height } = applies ? orientedSize(stored, readJpegOrientation(bytes)) : stored;
	const bitmap = {
		width,
		height,
		closed: false,
		close() {
			bitmap.closed = true;
		}
	};
	browser.bitmaps.push(bitmap);
	return bitmap;
}

beforeEach(() => {
	Object.assign(browser, {
		webp: true,
		decoderOrients: true,
		bytesPerPixel: 0.15,
		encodes: [],
		bitmaps: [],
		canvases: []
	});
	vi.stubGlobal('OffscreenCanvas', FakeCanvas);
	// A new function per test, so the orientation probe runs afresh.
	vi.stubGlobal('createImageBitmap', vi.fn(fakeCreateImageBitmap));
});

afterEach(() => {
	vi.unstubAllGlobals();
});

async function reasonOf(promise: Promise<unknown>): Promise<PhotoErrorReason | 'no error'> {
	try {
		await promise;
		return 'no error';
	} catch (error) {
		if (error instanceof PhotoError) return error.reason;
		throw error;
	}
}

/** The canvas the display image was drawn on: the first one of the display's size. */
const canvasOf = (width: number, height: number) =>
	browser.canvases.find((c) => c.width === width && c.height === height)!;

describe('processPhoto', () => {
	it('makes a 1600 px WebP display image and a 320 px thumbnail from a 12 MP photo', async () => {
		const result = await processPhoto(photoFile(4000, 3000));
		expect(result).toMatchObject({ width: 1600, height: 1200 });
		expect(result.display.type).toBe('image/webp');
		expect(result.thumbnail.type).toBe('image/webp');
		expect(result.display.size).toBeLessThanOrEqual(PHOTO_LIMITS.displayMaxBytes);
		expect(result.thumbnail.size).toBeLessThanOrEqual(PHOTO_LIMITS.thumbnailMaxBytes);
		// A typical photo fits at the first quality step: one encode each.
		expect(browser.encodes.map(({ width, height, quality }) => [width, height, quality])).toEqual([
			[1600, 1200, QUALITY_STEPS[0]],
			[320, 240, QUALITY_STEPS[0]]
		]);
		// The thumbnail is drawn from the display image, not from the full photo again.
		const thumbnailDraw = canvasOf(320, 240).ops.find((op) => op[0] === 'drawImage')!;
		expect(thumbnailDraw[1]).toBe(canvasOf(1600, 1200));
	});

	it('never upscales a small picture', async () => {
		const result = await processPhoto(photoFile(300, 200));
		expect(result).toMatchObject({ width: 300, height: 200 });
		expect(browser.encodes.map((e) => [e.width, e.height])).toEqual([
			[300, 200],
			[300, 200]
		]);
	});

	it('shows a photo taken with the phone turned (EXIF 6) upright when the decoder applies EXIF', async () => {
		const result = await processPhoto(photoFile(4000, 3000, 6));
		expect(result).toMatchObject({ width: 1200, height: 1600 });
		const transforms = canvasOf(1200, 1600).ops.filter((op) => op[0] === 'setTransform');
		expect(transforms).toEqual([['setTransform', 1, 0, 0, 1, 0, 0]]);
	});

	it.each([3, 6, 8])(
		'turns the pixels itself (EXIF %i) where the decoder ignores EXIF',
		async (orientation) => {
			browser.decoderOrients = false;
			const result = await processPhoto(photoFile(4000, 3000, orientation));
			const upright = orientedSize({ width: 1600, height: 1200 }, orientation as 3 | 6 | 8);
			expect(result).toMatchObject(upright);
			const display = canvasOf(upright.width, upright.height);
			expect(display.ops).toContainEqual([
				'setTransform',
				...orientationTransform(orientation as 3 | 6 | 8, { width: 1600, height: 1200 })
			]);
			expect(display.ops.find((op) => op[0] === 'drawImage')?.slice(2)).toEqual([0, 0, 1600, 1200]);
		}
	);

	it('lowers the quality step by step until the display image fits 400 KB', async () => {
		browser.bytesPerPixel = 0.4;
		const result = await processPhoto(photoFile(4000, 3000));
		const display = browser.encodes.filter((e) => e.width === 1600);
		expect(display.map((e) => e.quality)).toEqual(QUALITY_STEPS.slice(0, display.length));
		expect(display.length).toBeGreaterThan(1);
		expect(result.display.size).toBeLessThanOrEqual(PHOTO_LIMITS.displayMaxBytes);
		expect(result.width).toBe(1600);
	});

	it('makes the image smaller when even the lowest quality does not fit', async () => {
		browser.bytesPerPixel = 2;
		const result = await processPhoto(photoFile(4000, 3000));
		expect(result.width).toBeLessThan(1600);
		expect(result.width / result.height).toBeCloseTo(4 / 3, 1);
		expect(result.display.size).toBeLessThanOrEqual(PHOTO_LIMITS.displayMaxBytes);
		expect(result.thumbnail.size).toBeLessThanOrEqual(PHOTO_LIMITS.thumbnailMaxBytes);
		const last = browser.encodes.filter((e) => e.width === result.width).at(-1)!;
		expect(last.size).toBe(result.display.size);
	});

	it('writes JPEG where the browser cannot write WebP', async () => {
		browser.webp = false;
		const result = await processPhoto(photoFile(4000, 3000));
		expect(result.display.type).toBe('image/jpeg');
		expect(result.thumbnail.type).toBe('image/jpeg');
		// Found out once: the thumbnail goes straight to JPEG.
		expect(browser.encodes.filter((e) => e.type === 'image/png')).toHaveLength(1);
	});

	it('closes the decoded bitmap, also when it fails', async () => {
		await processPhoto(photoFile(400, 300));
		browser.bytesPerPixel = Number.POSITIVE_INFINITY;
		await expect(processPhoto(photoFile(400, 300))).rejects.toThrow();
		expect(browser.bitmaps.filter((b) => !b.closed)).toEqual([]);
	});
});

describe('photos that are refused', () => {
	it('not an image', async () => {
		const pdf = new Blob(['%PDF-1.7\n1 0 obj'], { type: 'application/pdf' });
		expect(await reasonOf(processPhoto(pdf))).toBe('not-an-image');
		expect(await reasonOf(processPhoto(new Blob(['hello'])))).toBe('not-an-image');
		expect(createImageBitmap).not.toHaveBeenCalled();
	});

	it('an image this browser cannot decode (HEIC here) or a damaged one', async () => {
		const heic = new Uint8Array([0, 0, 0, 24, ...[...'ftypheic'].map((c) => c.charCodeAt(0)), 0]);
		expect(await reasonOf(processPhoto(new Blob([heic], { type: 'image/heic' })))).toBe(
			'cannot-decode'
		);
		const damaged = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 2])], {
			type: 'image/jpeg'
		});
		expect(await reasonOf(processPhoto(damaged))).toBe('cannot-decode');
	});

	it('a file over 50 MB, before reading it', async () => {
		const big = new Blob([new Uint8Array(PHOTO_LIMITS.maxFileBytes + 1)], { type: 'image/jpeg' });
		expect(await reasonOf(processPhoto(big))).toBe('too-large');
	});

	it('over 100 megapixels: from the header, before decoding', async () => {
		expect(await reasonOf(processPhoto(photoFile(12000, 9000)))).toBe('too-large');
		expect(createImageBitmap).not.toHaveBeenCalled();
		expect(await reasonOf(processPhoto(photoFile(10000, 10000)))).toBe('no error');
	});

	it('over 100 megapixels: after decoding, when the header did not tell', async () => {
		vi.stubGlobal(
			'createImageBitmap',
			vi.fn(async () => {
				const bitmap = {
					width: 20000,
					height: 6000,
					closed: false,
					close: () => (bitmap.closed = true)
				};
				browser.bitmaps.push(bitmap);
				return bitmap;
			})
		);
		const unknownHeader = new Blob([new Uint8Array(100)], { type: 'image/x-raw' });
		expect(await reasonOf(processPhoto(unknownHeader))).toBe('too-large');
		expect(browser.bitmaps.every((b) => b.closed)).toBe(true);
	});
});

describe('isQuotaError', () => {
	const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

	it('recognises the DOMException, alone or wrapped by Dexie', () => {
		expect(isQuotaError(quota())).toBe(true);
		expect(isQuotaError(new Dexie.QuotaExceededError('full', quota()))).toBe(true);
		expect(isQuotaError(new Dexie.AbortError('aborted', quota()))).toBe(true);
		const abort = new Dexie.AbortError('aborted', new Dexie.AbortError('inner', quota()));
		expect(isQuotaError(abort)).toBe(true);
		expect(isQuotaError(new Dexie.BulkError('bulk', [new Error('x'), quota()]))).toBe(true);
		expect(isQuotaError(new Error('write failed', { cause: quota() }))).toBe(true);
		expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
	});

	it('is false for other errors, and survives cycles', () => {
		expect(isQuotaError(new Dexie.AbortError('aborted', new Error('other')))).toBe(false);
		expect(isQuotaError(new DOMException('gone', 'NotFoundError'))).toBe(false);
		expect(isQuotaError(undefined)).toBe(false);
		expect(isQuotaError('QuotaExceededError')).toBe(false);
		const loop: { name: string; inner?: unknown } = { name: 'AbortError' };
		loop.inner = loop;
		expect(isQuotaError(loop)).toBe(false);
	});
});
