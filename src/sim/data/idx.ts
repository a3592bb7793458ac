/**
 * IDX reader (LeCun's MNIST file format), raw or gzip-compressed, for unsigned-byte files:
 * idx1 (labels, magic 0x00000801) and idx3 (images, magic 0x00000803). Header: 4-byte magic
 * (0, 0, type 0x08 = ubyte, number of dims), then one big-endian uint32 per dim, then the bytes.
 * Every problem with a file is an `InputError` naming the file path.
 */
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../errors.js';
import { readDataFile } from './readDataFile.js';

/** A parsed IDX file: its dimensions and a view of its payload bytes. */
export interface IdxFile {
  readonly path: string;
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const MAGIC = { 1: 0x00000801, 3: 0x00000803 } as const;
const KIND = { 1: 'idx1 label', 3: 'idx3 image' } as const;

/** Where a file is read for (message prefix), and how to get it when missing. */
export interface IdxReadOptions {
  /** Dataset name used as the message prefix, e.g. `mnist`. */
  readonly where: string;
  /** How to get the file, appended to the message when it is missing. @default none */
  readonly hint?: string;
  /** Keep only the first `limit` items. @default all */
  readonly limit?: number;
}

/** Read and validate an unsigned-byte IDX file with `rank` dimensions (1 or 3). */
export function readIdx(path: string, rank: 1 | 3, { where, hint }: IdxReadOptions): IdxFile {
  const fail = (what: string): never => {
    throw new InputError(`${where}: ${path}: ${what}`);
  };
  const bytes = maybeGunzip(readDataFile(path, where, hint), fail);
  if (bytes.length < 4) fail(`file too short for an IDX header (got ${bytes.length} bytes, expected at least 4)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== MAGIC[rank]) {
    fail(`bad magic number ${hex(magic)} (expected ${hex(MAGIC[rank])} for an ${KIND[rank]} file)`);
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    fail(`truncated header (got ${bytes.length} bytes, expected at least ${headerLength} for ${rank} dimension(s))`);
  }
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const expected = headerLength + dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated file' : 'trailing bytes after the data';
    fail(`${what} (got ${bytes.length} bytes, expected ${expected} for dimensions [${dims.join(', ')}])`);
  }
  return { path, dims, data: bytes.subarray(headerLength) };
}

/**
 * Read an idx1 label file; every label must be < numClasses.
 * @returns a copy of the first `limit` labels (all by default).
 */
export function readIdxLabels(path: string, numClasses: number, opts: IdxReadOptions): Uint8Array {
  const { where, limit } = opts;
  const { data } = readIdx(path, 1, opts);
  for (let i = 0; i < data.length; i++) {
    if (data[i] >= numClasses) {
      throw new InputError(`${where}: ${path}: label out of range at index ${i} (got ${data[i]}, expected 0..${numClasses - 1})`);
    }
  }
  return data.slice(0, Math.min(limit ?? data.length, data.length));
}

/**
 * Read an idx3 image file of `rows`×`cols` images and scale pixels to [0, 1] (pixel / 255).
 * @returns the first `limit` images (all by default) as N·rows·cols float32 values, N, and the
 *   number of images in the file.
 */
export function readIdxImages(
  path: string,
  rows: number,
  cols: number,
  opts: IdxReadOptions,
): { images: Float32Array; count: number; total: number } {
  const { where, limit } = opts;
  const { dims, data } = readIdx(path, 3, opts);
  if (dims[1] !== rows || dims[2] !== cols) {
    throw new InputError(`${where}: ${path}: wrong image size (got ${dims[1]}x${dims[2]}, expected ${rows}x${cols})`);
  }
  const count = Math.min(limit ?? dims[0], dims[0]);
  const images = new Float32Array(count * rows * cols);
  for (let i = 0; i < images.length; i++) images[i] = data[i] / 255;
  return { images, count, total: dims[0] };
}

/** Encode unsigned bytes as an IDX file with the given dims (inverse of `readIdx`). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x00000800 + dims.length, false);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

function maybeGunzip(bytes: Uint8Array, fail: (what: string) => never): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    return fail(`corrupt gzip data (got "${(e as Error).message}", expected a valid .gz or a raw IDX file)`);
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
