/**
 * Seeded synthetic image datasets that models can learn: each class has a fixed prototype
 * image and every sample is its class prototype plus Gaussian pixel noise, clipped to [0, 1].
 * - `blobs`: smooth prototypes, a sum of 3 Gaussian bumps per channel at class-specific centres.
 * - `noise`: white-noise prototypes, uniform in [0, 1] per pixel (no spatial structure).
 * Labels are balanced (class sizes differ by at most 1) and shuffled.
 */
import { InputError } from '../../errors.js';
import { makeRng, shuffled } from '../../tensor/rng.js';
import type { Rng } from '../../tensor/rng.js';
import { gaussian, uniform } from '../../tensor/samplers.js';
import type { Dataset } from './types.js';

/** Parameters of a synthetic dataset. */
export interface SyntheticConfig {
  readonly seed: number;
  /** Number of samples. */
  readonly n: number;
  /** Image shape [H, W, C]. */
  readonly shape: readonly [number, number, number];
  /** Number of classes (1..256). */
  readonly numClasses: number;
  readonly kind: 'blobs' | 'noise';
  /** Standard deviation of the per-pixel Gaussian noise. @default 0.1 */
  readonly noise?: number;
}

const BUMPS = 3;

/**
 * Make a synthetic dataset (deterministic in `config`).
 * @returns a `Dataset` named `synthetic-<kind>` whose `source` records the parameters.
 */
export function makeSyntheticDataset(config: SyntheticConfig): Dataset {
  const { seed, n, shape, numClasses, kind, noise = 0.1 } = config;
  checkConfig(config, noise);
  const size = shape[0] * shape[1] * shape[2];
  const rng = makeRng(seed, 'synthetic', kind);
  const prototypes = Array.from({ length: numClasses }, (_, c) =>
    kind === 'blobs' ? blobPrototype(rng.fork('prototype', c), shape) : uniform(rng.fork('prototype', c), size),
  );
  const labels = Uint8Array.from(shuffled(rng.fork('labels'), Array.from({ length: n }, (_, i) => i % numClasses)));
  const images = new Float32Array(n * size);
  const noiseRng = rng.fork('noise');
  for (let i = 0; i < n; i++) {
    const proto = prototypes[labels[i]];
    const eps = gaussian(noiseRng, size, 0, noise);
    for (let j = 0; j < size; j++) images[i * size + j] = Math.min(1, Math.max(0, proto[j] + eps[j]));
  }
  const source = `synthetic kind=${kind} seed=${seed} n=${n} shape=[${shape.join(',')}] numClasses=${numClasses} noise=${noise}`;
  return { name: `synthetic-${kind}`, images, labels, shape: [shape[0], shape[1], shape[2]], numClasses, source };
}

/** Smooth prototype in [0.1, 0.9]: per channel, BUMPS Gaussian bumps of width max(H, W)/5. */
function blobPrototype(rng: Rng, [h, w, c]: readonly [number, number, number]): Float64Array {
  const out = new Float64Array(h * w * c);
  const width = Math.max(h, w) / 5;
  for (let ch = 0; ch < c; ch++) {
    const centres = Array.from({ length: BUMPS }, () => [rng.next() * h, rng.next() * w] as const);
    let max = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let v = 0;
        for (const [cy, cx] of centres) v += Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * width * width));
        out[(y * w + x) * c + ch] = v;
        max = Math.max(max, v);
      }
    }
    for (let p = 0; p < h * w; p++) out[p * c + ch] = 0.1 + (0.8 * out[p * c + ch]) / max;
  }
  return out;
}

function checkConfig({ seed, n, shape, numClasses }: SyntheticConfig, noise: number): void {
  const bad = (what: string, got: unknown, expected: string): never => {
    throw new InputError(`synthetic: ${what} (got ${String(got)}, expected ${expected})`);
  };
  if (!Number.isSafeInteger(seed) || seed < 0) bad('bad seed', seed, 'a non-negative integer');
  if (!Number.isSafeInteger(n) || n < 1) bad('bad n', n, 'a positive integer');
  if (shape.length !== 3 || shape.some((d) => !Number.isSafeInteger(d) || d < 1)) {
    bad('bad shape', `[${shape.join(', ')}]`, '[H, W, C] of positive integers');
  }
  if (!Number.isSafeInteger(numClasses) || numClasses < 1 || numClasses > 256) bad('bad numClasses', numClasses, '1..256');
  if (!(Number.isFinite(noise) && noise >= 0)) bad('bad noise', noise, 'a finite number >= 0');
}
