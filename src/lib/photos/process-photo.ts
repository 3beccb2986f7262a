import {
	DISPLAY_MAX_EDGE,
	QUALITY_STEPS,
	SHRINK_FACTOR,
	THUMBNAIL_MAX_EDGE,
	fitWithin,
	orientationTransform,
	orientedSize,
	readImageSize,
	readJpegOrientation,
	shrink,
	sniffImageType,
	withOrientationTag,
	type ExifOrientation,
	type Size
} from './sizing';

export { isQuotaError } from './quota-error';

/** What the pipeline accepts and produces. */
export const PHOTO_LIMITS = {
	/** Larger files are refused before reading them. */
	maxFileBytes: 50 * 1024 * 1024,
	/** Larger images are refused before decoding them (100 megapixels ≈ 400 MB of pixels). */
	maxPixels: 100_000_000,
	displayMaxBytes: 400 * 1024,
	thumbnailMaxBytes: 30 * 1024
} as const;

export type PhotoErrorReason = 'not-an-image' | 'cannot-decode' | 'too-large';

/**
 * Why a photo could not be added: the file is not an image, this browser cannot decode it
 * (a damaged file, or a format such as HEIC that the browser does not read), or it is larger
 * than `PHOTO_LIMITS`. The UI maps `reason` to a message.
 */
export class PhotoError extends Error {
	constructor(
		readonly reason: PhotoErrorReason,
		options?: { detail?: string; cause?: unknown }
	) {
		super(options?.detail ? `${reason}: ${options.detail}` : reason, { cause: options?.cause });
		this.name = 'PhotoError';
	}
}

export interface ProcessedPhoto {
	/** At most 1600 px on the long side and 400 KB; WebP, or JPEG where WebP cannot be written. */
	display: Blob;
	/** At most 320 px on the long side and 30 KB, same format as `display`. */
	thumbnail: Blob;
	/** Size of `display` in pixels, upright. */
	width: number;
	height: number;
}

/** Enough of the file to hold the JPEG metadata segments and the frame header. */
const HEADER_BYTES = 512 * 1024;

/**
 * Turns a photo the family picked into what the journal stores: an upright display image and a
 * thumbnail, re-encoded so they fit their byte budgets (quality steps down, then the size, until
 * they do). Re-encoding from pixels drops every piece of metadata — EXIF, the GPS position
 * included, camera and time — so nothing but the picture is kept; the original file is not kept
 * either. EXIF orientation is applied first, so a photo taken with the phone turned shows
 * upright.
 *
 * Runs in a page or a worker (it uses `createImageBitmap` and `OffscreenCanvas`, or a canvas
 * element where OffscreenCanvas is missing); it touches no storage and needs no network, so it
 * works offline. Throws a `PhotoError`.
 */
export async function processPhoto(file: Blob): Promise<ProcessedPhoto> {
	if (file.size > PHOTO_LIMITS.maxFileBytes)
		throw new PhotoError('too-large', { detail: `${file.size} bytes` });
	const head = new Uint8Array(await file.slice(0, HEADER_BYTES).arrayBuffer());
	const sniffed = sniffImageType(head);
	if (!sniffed && !file.type.startsWith('image/')) throw new PhotoError('not-an-image');
	const declared = readImageSize(head);
	if (declared) refuseHuge(declared);
	const orientation = sniffed === 'image/jpeg' ? readJpegOrientation(head) : 1;
	if (typeof createImageBitmap !== 'function')
		throw new PhotoError('cannot-decode', { detail: 'createImageBitmap is missing' });

	const [bitmap, decoderOrients] = await Promise.all([
		decodeImage(file),
		orientation === 1 ? true : decoderAppliesOrientation()
	]);
	try {
		refuseHuge(bitmap);
		// Where the decoder ignored the EXIF orientation, turn the pixels ourselves.
		const turn: ExifOrientation = decoderOrients ? 1 : orientation;
		const upright = orientedSize({ width: bitmap.width, height: bitmap.height }, turn);
		const format: Format = { type: 'image/webp' };
		const display = await encodeWithin(
			(size) => render(bitmap, turn, size),
			fitWithin(upright, DISPLAY_MAX_EDGE),
			PHOTO_LIMITS.displayMaxBytes,
			format
		);
		bitmap.close();
		// Reducing in two steps (photo → display → thumbnail) is faster and aliases less.
		const thumbnail = await encodeWithin(
			(size) => render(display.surface, 1, size),
			fitWithin(display.size, THUMBNAIL_MAX_EDGE),
			PHOTO_LIMITS.thumbnailMaxBytes,
			format
		);
		return {
			display: display.blob,
			thumbnail: thumbnail.blob,
			width: display.size.width,
			height: display.size.height
		};
	} finally {
		bitmap.close();
	}
}

function refuseHuge(size: Size) {
	if (size.width * size.height > PHOTO_LIMITS.maxPixels)
		throw new PhotoError('too-large', { detail: `${size.width}×${size.height} pixels` });
}

/** Decodes with EXIF orientation applied where the browser supports it. */
async function decodeImage(blob: Blob): Promise<ImageBitmap> {
	try {
		return await createImageBitmap(blob, { imageOrientation: 'from-image' });
	} catch (error) {
		// Browsers from before 'from-image' reject the option itself with a TypeError.
		if (!(error instanceof TypeError)) throw new PhotoError('cannot-decode', { cause: error });
	}
	try {
		return await createImageBitmap(blob);
	} catch (error) {
		throw new PhotoError('cannot-decode', { cause: error });
	}
}

const orientationProbes = new WeakMap<typeof createImageBitmap, Promise<boolean>>();

/**
 * Whether `decodeImage` returns EXIF-oriented pixels in this browser, found out once by decoding
 * a 2×1 JPEG tagged "turn a quarter": an orienting decoder returns it 1×2. If the probe itself
 * cannot run, modern behaviour (orienting) is assumed.
 */
function decoderAppliesOrientation(): Promise<boolean> {
	let probe = orientationProbes.get(createImageBitmap);
	if (!probe) {
		probe = (async () => {
			try {
				const surface = createSurface({ width: 2, height: 1 });
				context(surface).fillRect(0, 0, 2, 1);
				const jpeg = await encode(surface, 'image/jpeg', 0.9);
				if (jpeg.type !== 'image/jpeg') return true;
				const tagged = withOrientationTag(new Uint8Array(await jpeg.arrayBuffer()), 6);
				const bitmap = await decodeImage(
					new Blob([tagged as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' })
				);
				const oriented = bitmap.width === 1 && bitmap.height === 2;
				bitmap.close();
				return oriented;
			} catch {
				return true;
			}
		})();
		orientationProbes.set(createImageBitmap, probe);
	}
	return probe;
}

type Surface = OffscreenCanvas | HTMLCanvasElement;
type Context = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

function createSurface(size: Size): Surface {
	if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(size.width, size.height);
	if (typeof document === 'undefined')
		throw new PhotoError('cannot-decode', { detail: 'no canvas in this context' });
	const canvas = document.createElement('canvas');
	canvas.width = size.width;
	canvas.height = size.height;
	return canvas;
}

function context(surface: Surface): Context {
	// Both kinds of canvas answer getContext('2d') alike; the cast only picks one overload.
	const ctx = (surface as OffscreenCanvas).getContext('2d') as Context | null;
	if (!ctx) throw new PhotoError('cannot-decode', { detail: 'no 2D canvas' });
	return ctx;
}

/** A new surface of `size` with `source` drawn on it, turned by `orientation`. */
function render(source: CanvasImageSource, orientation: ExifOrientation, size: Size): Surface {
	const surface = createSurface(size);
	const ctx = context(surface);
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'high';
	// Transparent areas become white rather than black when the result is a JPEG.
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, size.width, size.height);
	// The swap of a quarter turn is its own inverse, so this is the size before turning.
	const drawn = orientedSize(size, orientation);
	ctx.setTransform(...orientationTransform(orientation, drawn));
	ctx.drawImage(source, 0, 0, drawn.width, drawn.height);
	return surface;
}

function encode(surface: Surface, type: string, quality: number): Promise<Blob> {
	if ('convertToBlob' in surface) return surface.convertToBlob({ type, quality });
	return new Promise((resolve, reject) =>
		surface.toBlob(
			(blob) =>
				blob ? resolve(blob) : reject(new PhotoError('cannot-decode', { detail: 'encode' })),
			type,
			quality
		)
	);
}

/** The output type, shared by display and thumbnail: WebP until the browser shows it cannot. */
interface Format {
	type: 'image/webp' | 'image/jpeg';
}

async function encodeAs(surface: Surface, format: Format, quality: number): Promise<Blob> {
	const blob = await encode(surface, format.type, quality);
	if (blob.type === format.type) return blob;
	// Browsers that cannot write a type silently write PNG instead (Safari and WebP).
	format.type = 'image/jpeg';
	return encode(surface, format.type, quality);
}

/** Enough rounds to go from 1600 px down to a few pixels; a real photo needs one. */
const MAX_SHRINK_ROUNDS = 20;

async function encodeWithin(
	draw: (size: Size) => Surface,
	start: Size,
	maxBytes: number,
	format: Format
): Promise<{ blob: Blob; size: Size; surface: Surface }> {
	let size = start;
	for (let round = 0; round < MAX_SHRINK_ROUNDS; round++) {
		const surface = draw(size);
		for (let step = 0; step < QUALITY_STEPS.length;) {
			const blob = await encodeAs(surface, format, QUALITY_STEPS[step]);
			if (blob.size <= maxBytes) return { blob, size, surface };
			// Each step down saves roughly a fifth: skip the steps that cannot be enough, since a
			// 1600-pixel encode is the slow part of the whole pipeline.
			step += Math.max(1, Math.floor(Math.log(blob.size / maxBytes) / Math.log(1.25)));
		}
		size = shrink(size, SHRINK_FACTOR);
	}
	throw new PhotoError('cannot-decode', { detail: `does not fit in ${maxBytes} bytes` });
}
