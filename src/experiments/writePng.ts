/**
 * Images as PNG (pngjs): NHWC floats in [0, 1] → 8-bit grayscale (C = 1) or RGB (C = 3),
 * clamped to [0, 1] (NaN → 0, so a diverged dummy still renders), optionally upscaled by an
 * integer factor (nearest neighbour); a batch of N images is tiled left to right.
 */
import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { InputError } from '../errors.js';

/** Image(s) to encode: NHWC [N, H, W, C] or one HWC [H, W, C], row-major values in [0, 1]. */
export interface PngImage {
  readonly data: ArrayLike<number>;
  readonly shape: readonly [number, number, number, number] | readonly [number, number, number];
}

/** Encoding options. */
export interface PngOptions {
  /** Integer upscaling factor (each pixel becomes scale × scale). @default 1 */
  readonly scale?: number;
}

const MAX_SCALE = 64;

function checked(image: PngImage, scale: number): [number, number, number, number] {
  const s = image.shape.length === 3 ? [1, ...image.shape] : [...image.shape];
  const [n, h, w, c] = s;
  const where = 'writePng';
  if (s.length !== 4 || s.some((d) => !Number.isInteger(d) || d < 1)) throw new InputError(`${where}: bad shape (got [${image.shape.join(', ')}], expected [N, H, W, C] or [H, W, C] of positive integers)`);
  if (c !== 1 && c !== 3) throw new InputError(`${where}: unsupported channel count (got ${c}, expected 1 (grayscale) or 3 (RGB))`);
  if (image.data.length !== n * h * w * c) throw new InputError(`${where}: data length does not match the shape (got ${image.data.length}, expected ${n * h * w * c} for [${s.join(', ')}])`);
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) throw new InputError(`${where}: bad scale (got ${scale}, expected an integer in 1..${MAX_SCALE})`);
  return [n, h, w, c];
}

const toByte = (v: number): number => (v > 0 ? Math.round(Math.min(v, 1) * 255) : 0); // NaN and v ≤ 0 → 0

/**
 * Encode image(s) as a PNG file's bytes.
 * @param image - NHWC (or HWC) values in [0, 1]; values outside are clamped, NaN becomes 0.
 * @param options - `scale` (integer upscaling).
 * @returns the PNG bytes: width N·W·scale, height H·scale, grayscale for C = 1, RGB for C = 3.
 * @throws InputError for a bad shape, channel count, length or scale.
 */
export function encodePng(image: PngImage, options: PngOptions = {}): Buffer {
  const scale = options.scale ?? 1;
  const [n, h, w, c] = checked(image, scale);
  const width = n * w * scale;
  const height = h * scale;
  const bytes = Buffer.alloc(width * height * c);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const img = Math.floor(x / (w * scale));
      const src = ((img * h + Math.floor(y / scale)) * w + Math.floor((x % (w * scale)) / scale)) * c;
      for (let k = 0; k < c; k++) bytes[(y * width + x) * c + k] = toByte(image.data[src + k]);
    }
  }
  const colorType = c === 1 ? 0 : 2;
  const png = new PNG({ width, height, colorType, inputColorType: colorType, inputHasAlpha: false });
  png.data = bytes;
  return PNG.sync.write(png, { colorType, inputColorType: colorType, inputHasAlpha: false });
}

/**
 * Write image(s) to a PNG file (see `encodePng`).
 * @param path - file to write.
 * @param image - NHWC (or HWC) values in [0, 1].
 * @param options - `scale`.
 */
export function writePng(path: string, image: PngImage, options: PngOptions = {}): void {
  writeFileSync(path, encodePng(image, options));
}

/**
 * Image(s) as a PNG data URI, for `GalleryImage.src` in reports.
 * @param image - NHWC (or HWC) values in [0, 1].
 * @param options - `scale`.
 * @returns `data:image/png;base64,…`.
 */
export function pngDataUri(image: PngImage, options: PngOptions = {}): string {
  return `data:image/png;base64,${encodePng(image, options).toString('base64')}`;
}
