/**
 * Pure arithmetic of the photo pipeline: target sizes, EXIF orientation and the byte-level
 * readers it needs (JPEG orientation, image dimensions). No DOM, so it runs and is tested in
 * Node; `process-photo.ts` does the browser work.
 */

/** The long side of the image a journal entry shows, in pixels. */
export const DISPLAY_MAX_EDGE = 1600;
/** The long side of the thumbnail in lists and schedules, in pixels. */
export const THUMBNAIL_MAX_EDGE = 320;

export interface Size {
	width: number;
	height: number;
}

/**
 * The largest size with the same aspect ratio whose long side is at most `maxEdge`. Never
 * upscales: a small image keeps its size. Each side is at least 1 pixel.
 */
export function fitWithin(size: Size, maxEdge: number): Size {
	const { width, height } = size;
	if (!(width > 0 && height > 0)) throw new RangeError('an image has a positive width and height');
	const scale = Math.min(1, maxEdge / Math.max(width, height));
	if (scale === 1) return { width: Math.round(width), height: Math.round(height) };
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

/** `size` made smaller by `factor` (0–1), keeping at least 1 pixel a side. */
export function shrink(size: Size, factor: number): Size {
	return {
		width: Math.max(1, Math.round(size.width * factor)),
		height: Math.max(1, Math.round(size.height * factor))
	};
}

/**
 * Encoder qualities tried in turn until an image fits its byte budget. The first step keeps
 * photos crisp; most photos fit at it, so usually one encode is enough.
 */
export const QUALITY_STEPS = [0.82, 0.72, 0.62, 0.52, 0.42, 0.32] as const;

/** When the lowest quality still does not fit, the image shrinks by this factor and tries again. */
export const SHRINK_FACTOR = 0.8;

/** EXIF orientation, TIFF tag 0x0112: how the stored pixels must be turned to stand upright. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export function isExifOrientation(value: number): value is ExifOrientation {
	return Number.isInteger(value) && value >= 1 && value <= 8;
}

/** Orientations 5–8 turn the image a quarter, so the upright image swaps width and height. */
export function swapsAxes(orientation: ExifOrientation): boolean {
	return orientation >= 5;
}

/** The upright size of an image whose stored pixels are `stored` with this orientation. */
export function orientedSize(stored: Size, orientation: ExifOrientation): Size {
	return swapsAxes(orientation) ? { width: stored.height, height: stored.width } : stored;
}

/** A 2D canvas transform `[a, b, c, d, e, f]`, as `setTransform(a, b, c, d, e, f)` takes it. */
export type CanvasTransform = readonly [number, number, number, number, number, number];

/**
 * The canvas transform that makes stored pixels upright. Draw the image at (0, 0) with its
 * stored size `drawn` (already scaled) on a canvas of `orientedSize(drawn, orientation)`.
 */
export function orientationTransform(orientation: ExifOrientation, drawn: Size): CanvasTransform {
	const { width: w, height: h } = drawn;
	switch (orientation) {
		case 1:
			return [1, 0, 0, 1, 0, 0];
		case 2: // mirrored
			return [-1, 0, 0, 1, w, 0];
		case 3: // upside down
			return [-1, 0, 0, -1, w, h];
		case 4: // upside down, mirrored
			return [1, 0, 0, -1, 0, h];
		case 5: // mirrored along the top-left to bottom-right diagonal
			return [0, 1, 1, 0, 0, 0];
		case 6: // taken with the phone turned right: turn a quarter clockwise
			return [0, 1, -1, 0, h, 0];
		case 7: // mirrored along the other diagonal
			return [0, -1, -1, 0, h, w];
		case 8: // turn a quarter anticlockwise
			return [0, -1, 1, 0, 0, w];
	}
}

type Bytes = ArrayBuffer | Uint8Array;

function view(bytes: Bytes): DataView {
	return bytes instanceof Uint8Array
		? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
		: new DataView(bytes);
}

/** The JPEG segments before the image data: marker byte, where its payload starts and its length. */
function* jpegSegments(
	data: DataView
): Generator<{ marker: number; start: number; length: number }> {
	if (data.byteLength < 4 || data.getUint16(0) !== 0xffd8) return;
	let at = 2;
	while (at + 4 <= data.byteLength) {
		if (data.getUint8(at) !== 0xff) return;
		const marker = data.getUint8(at + 1);
		// 0xFF may repeat as fill before a marker.
		if (marker === 0xff) {
			at++;
			continue;
		}
		// Standalone markers (TEM, RSTn) carry no length.
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		// Start of scan or end of image: no metadata after this point.
		if (marker === 0xda || marker === 0xd9) return;
		const length = data.getUint16(at + 2);
		if (length < 2 || at + 2 + length > data.byteLength) return;
		yield { marker, start: at + 4, length: length - 2 };
		at += 2 + length;
	}
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;

/** The orientation in one TIFF block (the payload of an Exif APP1 after its 6-byte header). */
function tiffOrientation(data: DataView, start: number, end: number): ExifOrientation | undefined {
	if (start + 8 > end) return undefined;
	const order = data.getUint16(start);
	if (order !== 0x4949 && order !== 0x4d4d) return undefined; // "II" or "MM"
	const little = order === 0x4949;
	if (data.getUint16(start + 2, little) !== 42) return undefined;
	const ifd = start + data.getUint32(start + 4, little);
	if (ifd < start + 8 || ifd + 2 > end) return undefined;
	const count = data.getUint16(ifd, little);
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		if (entry + 12 > end) return undefined;
		if (data.getUint16(entry, little) !== ORIENTATION_TAG) continue;
		if (data.getUint16(entry + 2, little) !== TYPE_SHORT || data.getUint32(entry + 4, little) < 1)
			return undefined;
		const value = data.getUint16(entry + 8, little);
		return isExifOrientation(value) ? value : undefined;
	}
	return undefined;
}

/**
 * The EXIF orientation of a JPEG from its first bytes (the APP1 Exif segment sits before the
 * image data, usually within the first 64 KB). Anything else — another format, no EXIF,
 * truncated or garbage bytes, a value outside 1–8 — reads as 1, upright. Never throws.
 */
export function readJpegOrientation(bytes: Bytes): ExifOrientation {
	const data = view(bytes);
	for (const segment of jpegSegments(data)) {
		if (segment.marker !== 0xe1 || segment.length < EXIF_HEADER.length + 8) continue;
		const isExif = EXIF_HEADER.every((byte, i) => data.getUint8(segment.start + i) === byte);
		if (!isExif) continue; // e.g. an XMP packet, which also uses APP1
		const orientation = tiffOrientation(
			data,
			segment.start + EXIF_HEADER.length,
			segment.start + segment.length
		);
		return orientation ?? 1;
	}
	return 1;
}

/**
 * A copy of a JPEG with a minimal Exif APP1 segment holding only `orientation`, inserted right
 * after the start-of-image marker. `process-photo.ts` uses it to find out whether the browser's
 * decoder applies EXIF orientation.
 */
export function withOrientationTag(jpeg: Uint8Array, orientation: ExifOrientation): Uint8Array {
	if (jpeg.length < 2 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new TypeError('not a JPEG');
	// APP1: "Exif\0\0", big-endian TIFF header, IFD0 with one SHORT entry, no next IFD.
	const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1];
	const payload = [...EXIF_HEADER, ...tiff, 0, orientation, 0, 0, 0, 0, 0, 0];
	const segment = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
	const out = new Uint8Array(jpeg.length + segment.length);
	out.set(jpeg.subarray(0, 2));
	out.set(segment, 2);
	out.set(jpeg.subarray(2), 2 + segment.length);
	return out;
}

/** Image formats recognised from their first bytes. */
export type SniffedImageType =
	| 'image/jpeg'
	| 'image/png'
	| 'image/gif'
	| 'image/webp'
	| 'image/bmp'
	| 'image/tiff'
	| 'image/avif'
	| 'image/heic';

const startsWith = (data: DataView, at: number, ascii: string) =>
	at + ascii.length <= data.byteLength &&
	[...ascii].every((char, i) => data.getUint8(at + i) === char.charCodeAt(0));

/**
 * What kind of image the bytes hold, from their signature, or undefined when they are not an
 * image this app knows. A file's own `type` can be missing or wrong; the bytes are not.
 */
export function sniffImageType(bytes: Bytes | DataView): SniffedImageType | undefined {
	const data = bytes instanceof DataView ? bytes : view(bytes);
	if (data.byteLength >= 3 && data.getUint16(0) === 0xffd8 && data.getUint8(2) === 0xff)
		return 'image/jpeg';
	if (startsWith(data, 0, '\x89PNG\r\n\x1a\n')) return 'image/png';
	if (startsWith(data, 0, 'GIF87a') || startsWith(data, 0, 'GIF89a')) return 'image/gif';
	if (startsWith(data, 0, 'RIFF') && startsWith(data, 8, 'WEBP')) return 'image/webp';
	if (startsWith(data, 0, 'BM') && data.byteLength >= 26) return 'image/bmp';
	if (startsWith(data, 0, 'II*\0') || startsWith(data, 0, 'MM\0*')) return 'image/tiff';
	if (startsWith(data, 4, 'ftyp')) {
		if (startsWith(data, 8, 'avif') || startsWith(data, 8, 'avis')) return 'image/avif';
		for (const brand of ['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'])
			if (startsWith(data, 8, brand)) return 'image/heic';
	}
	return undefined;
}

/**
 * The stored pixel size from an image's header (JPEG, PNG, GIF, WebP), read before decoding so
 * that a huge image is refused without allocating its pixels. Undefined when the header is not
 * there or not understood; the caller then checks after decoding instead.
 */
export function readImageSize(bytes: Bytes): Size | undefined {
	const data = view(bytes);
	const size = (width: number, height: number) =>
		width > 0 && height > 0 ? { width, height } : undefined;
	switch (sniffImageType(data)) {
		case 'image/png':
			if (data.byteLength < 24 || !startsWith(data, 12, 'IHDR')) return undefined;
			return size(data.getUint32(16), data.getUint32(20));
		case 'image/gif':
			if (data.byteLength < 10) return undefined;
			return size(data.getUint16(6, true), data.getUint16(8, true));
		case 'image/webp':
			return webpSize(data);
		case 'image/jpeg':
			for (const segment of jpegSegments(data)) {
				// SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
				const { marker, start, length } = segment;
				const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
				if (isFrame && length >= 5)
					return size(data.getUint16(start + 3), data.getUint16(start + 1));
			}
			return undefined;
		default:
			return undefined;
	}
}

function webpSize(data: DataView): Size | undefined {
	const chunk = 12;
	const has = (length: number) => data.byteLength >= length;
	const uint24 = (at: number) =>
		data.getUint8(at) | (data.getUint8(at + 1) << 8) | (data.getUint8(at + 2) << 16);
	if (startsWith(data, chunk, 'VP8X') && has(30))
		return { width: uint24(24) + 1, height: uint24(27) + 1 };
	if (startsWith(data, chunk, 'VP8L') && has(25)) {
		if (data.getUint8(20) !== 0x2f) return undefined;
		const bits = data.getUint32(21, true);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (startsWith(data, chunk, 'VP8 ') && has(30)) {
		// Key frame start code 9D 01 2A, then 14-bit width and height.
		if (data.getUint8(23) !== 0x9d || data.getUint8(24) !== 0x01 || data.getUint8(25) !== 0x2a)
			return undefined;
		const width = data.getUint16(26, true) & 0x3fff;
		const height = data.getUint16(28, true) & 0x3fff;
		return width > 0 && height > 0 ? { width, height } : undefined;
	}
	return undefined;
}
