/**
 * CIFAR-10 (Krizhevsky 2009), 32×32×3, 10 classes, from the binary version's batch files
 * (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`). Each record is 1 label byte and
 * 3072 pixel bytes, planar R, G, B planes of 32×32 (CHW); we convert to NHWC in [0, 1].
 * Used in Soteria (arXiv 2012.06043) §6.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { checkLimit, findDataFile, readDataFile } from './readDataFile.js';
import type { Dataset, LoadOptions, Split } from './types.js';

const SIDE = 32;
const PLANE = SIDE * SIDE; // 1024 pixels per colour plane
const RECORD = 1 + 3 * PLANE; // 3073 bytes per record
const NUM_CLASSES = 10;
const WHERE = 'cifar10';
const HINT =
  'pass --data-dir DIR holding the binary version of CIFAR-10 (data_batch_1.bin … data_batch_5.bin, ' +
  'test_batch.bin, or their folder cifar-10-batches-bin), extracted from cifar-10-binary.tar.gz ' +
  '(https://www.cs.toronto.edu/~kriz/cifar.html)';

/** Batch file names of a split, in load order. */
export function cifar10FileNames(split: Split): string[] {
  return split === 'train' ? [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`) : ['test_batch.bin'];
}

/**
 * Load a CIFAR-10 split from the binary batches in `opts.dataDir` (or its `cifar-10-batches-bin`).
 * @param split `train` (5 batches, 50000 images) or `test` (10000).
 * @param opts `dataDir` (required: nothing is downloaded) and `limit`.
 */
export function loadCifar10(split: Split, opts: LoadOptions = {}): Dataset {
  checkLimit(WHERE, opts.limit);
  if (opts.dataDir === undefined) throw new InputError(`${WHERE}: no data directory given (${HINT})`);
  const nested = join(opts.dataDir, 'cifar-10-batches-bin');
  const dir = existsSync(nested) ? nested : opts.dataDir;
  const limit = opts.limit ?? Infinity;
  const paths: string[] = [];
  const chunks: Uint8Array[] = [];
  let count = 0;
  for (const name of cifar10FileNames(split)) {
    if (count >= limit) break;
    const path = findDataFile(dir, [name], WHERE, `${split} batch ${name}`, HINT);
    const records = readCifarBatch(path);
    const keep = Math.min(records.length / RECORD, limit - count);
    chunks.push(records.subarray(0, keep * RECORD));
    paths.push(path);
    count += keep;
  }
  const { images, labels } = decodeRecords(chunks, count);
  return { name: WHERE, images, labels, shape: [SIDE, SIDE, 3], numClasses: NUM_CLASSES, source: paths.join(' ') };
}

/** Read one batch file and validate its record size and labels. */
function readCifarBatch(path: string): Uint8Array {
  const bytes = readDataFile(path, WHERE, HINT);
  if (bytes.length === 0 || bytes.length % RECORD !== 0) {
    throw new InputError(
      `${WHERE}: ${path}: file length is not a whole number of records (got ${bytes.length} bytes, expected a positive multiple of ${RECORD} = 1 label + 3072 pixel bytes)`,
    );
  }
  for (let r = 0; r < bytes.length / RECORD; r++) {
    const label = bytes[r * RECORD];
    if (label >= NUM_CLASSES) {
      throw new InputError(`${WHERE}: ${path}: label out of range in record ${r} (got ${label}, expected 0..${NUM_CLASSES - 1})`);
    }
  }
  return bytes;
}

/** CHW planar records → NHWC float32 in [0, 1] plus labels. */
function decodeRecords(chunks: readonly Uint8Array[], count: number): { images: Float32Array; labels: Uint8Array } {
  const images = new Float32Array(count * 3 * PLANE);
  const labels = new Uint8Array(count);
  let n = 0;
  for (const chunk of chunks) {
    for (let rec = 0; rec < chunk.length; rec += RECORD, n++) {
      labels[n] = chunk[rec];
      const out = n * 3 * PLANE;
      for (let p = 0; p < PLANE; p++) {
        images[out + 3 * p] = chunk[rec + 1 + p] / 255;
        images[out + 3 * p + 1] = chunk[rec + 1 + PLANE + p] / 255;
        images[out + 3 * p + 2] = chunk[rec + 1 + 2 * PLANE + p] / 255;
      }
    }
  }
  return { images, labels };
}
