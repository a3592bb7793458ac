/**
 * Random small nets for the gradient oracle properties, as PLAIN DATA (no tensors).
 *
 * A net is `input [B, H, W, C] → 1–3 layers (conv | activation | 2×2 max pool) → flatten → dense
 * to K classes`, plus its weights, a dummy input x, dummy label logits z and target gradients T
 * (the inputs of the DLG objective D(x, z) = Σ_θ ‖∇_θ L(x, softmax(z)) − T_θ‖²). Every number is
 * drawn from `spec.seed` with the project's seeded streams, so a case prints as its `spec` alone
 * and `smallNetCase(spec)` rebuilds it exactly.
 */
import fc from 'fast-check';
import { makeRng } from '../../src/tensor/rng.js';
import { gaussian } from '../../src/tensor/samplers.js';

export type Activation = 'sigmoid' | 'tanh' | 'relu';

/** One hidden layer. Conv weights are [k, k, in, out] (tfjs), padding is PyTorch-style symmetric. */
export type LayerSpec =
  | { readonly kind: 'act'; readonly fn: Activation }
  | { readonly kind: 'conv'; readonly k: number; readonly stride: number; readonly pad: number; readonly out: number }
  | { readonly kind: 'maxPool2' };

/** The architecture and the seed of all its numbers. */
export interface SmallNetSpec {
  /** [B, H, W, C] (NHWC). */
  readonly input: readonly [number, number, number, number];
  readonly layers: readonly LayerSpec[];
  readonly classes: number;
  readonly seed: number;
}

/** Named float64 arrays in tfjs layout, e.g. `conv0.weight`, `fc.bias`. */
export type Float64Params = Readonly<Record<string, Float64Array>>;

/** A spec with its drawn numbers. */
export interface SmallNetCase {
  readonly spec: SmallNetSpec;
  readonly params: Float64Params;
  /** Parameter shapes, by name. */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** Dummy input [B, H, W, C]. */
  readonly x: Float64Array;
  /** Dummy label logits [B, K]. */
  readonly z: Float64Array;
  /** Target gradients T, same names and shapes as `params`. */
  readonly targets: Float64Params;
}

type Hwc = readonly [number, number, number];

/** Shape [H, W, C] after `layer` applied to `s`. */
export function layerOutputShape(s: Hwc, layer: LayerSpec): Hwc {
  if (layer.kind === 'act') return s;
  if (layer.kind === 'maxPool2') return [s[0] / 2, s[1] / 2, s[2]];
  const size = (n: number): number => Math.floor((n + 2 * layer.pad - layer.k) / layer.stride) + 1;
  return [size(s[0]), size(s[1]), layer.out];
}

/** Parameter shapes in forward order, and the flattened feature size feeding the dense layer; throws on a layer that does not fit. */
export function smallNetShapes(spec: SmallNetSpec): { params: [string, number[]][]; features: number } {
  let s: Hwc = [spec.input[1], spec.input[2], spec.input[3]];
  const params: [string, number[]][] = [];
  spec.layers.forEach((layer, i) => {
    if (layer.kind === 'conv') params.push([`conv${i}.weight`, [layer.k, layer.k, s[2], layer.out]], [`conv${i}.bias`, [layer.out]]);
    const next = layerOutputShape(s, layer);
    if (!next.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new Error(`smallNetShapes: layer ${i} does not fit its input (got ${JSON.stringify(layer)} on [${s.join(', ')}], expected a positive integer output size)`);
    }
    s = next;
  });
  const features = s[0] * s[1] * s[2];
  params.push(['fc.weight', [features, spec.classes]], ['fc.bias', [spec.classes]]);
  return { params, features };
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Draw every number of `spec` from its seed: weights N(0, 1/fan_in), biases N(0, 0.1²), x, z ~ N(0, 1), T ~ N(0, 0.1²). */
export function smallNetCase(spec: SmallNetSpec): SmallNetCase {
  const { params: layout } = smallNetShapes(spec);
  const draw = (name: string, shape: readonly number[], std: number): Float64Array => gaussian(makeRng(spec.seed, 'smallNet', name), sizeOf(shape), 0, std);
  const fanIn = (shape: readonly number[]): number => sizeOf(shape.slice(0, -1));
  const c: SmallNetCase = {
    spec,
    shapes: Object.fromEntries(layout),
    params: Object.fromEntries(layout.map(([n, s]) => [n, draw(`param/${n}`, s, s.length === 1 ? 0.1 : 1 / Math.sqrt(fanIn(s)))])),
    x: draw('x', spec.input, 1),
    z: draw('z', [spec.input[0], spec.classes], 1),
    targets: Object.fromEntries(layout.map(([n, s]) => [n, draw(`target/${n}`, s, 0.1)])),
  };
  // Print as the spec alone (the numbers are a pure function of it); fast-check uses this in reports.
  return Object.assign(c, { [fc.toStringMethod]: () => `smallNetCase(${JSON.stringify(spec)})` });
}

interface RawLayer { kind: 'act' | 'conv' | 'maxPool2'; fn: Activation; k: number; stride: number; pad: number; out: number }

/**
 * Make a raw layer valid for the current shape: a conv whose kernel exceeds the padded input gets
 * pad 1 (enough since k ≤ 3 and H, W ≥ 1); a max pool on an odd (or size-1) side becomes the
 * activation `fn`.
 */
function repair(s: Hwc, raw: RawLayer): LayerSpec {
  if (raw.kind === 'act') return { kind: 'act', fn: raw.fn };
  if (raw.kind === 'maxPool2') return s[0] % 2 === 0 && s[1] % 2 === 0 ? { kind: 'maxPool2' } : { kind: 'act', fn: raw.fn };
  const pad = Math.min(s[0], s[1]) + 2 * raw.pad < raw.k ? 1 : raw.pad;
  return { kind: 'conv', k: raw.k, stride: raw.stride, pad, out: raw.out };
}

/** Which layers the generator may use (the negative control restricts activations). */
export interface SmallNetArbOptions {
  readonly activations?: readonly Activation[];
  readonly kinds?: readonly RawLayer['kind'][];
  readonly minLayers?: number;
}

/**
 * Arbitrary small net: input [1–2, 4–8, 4–8, 1–2], 1–3 layers (conv k 2–3, stride 1–2, pad 0–1,
 * 1–3 channels; sigmoid | tanh | relu; 2×2 max pool on even sizes), K in 2–4, and a seed.
 * Layers are drawn independently and repaired to fit (see `repair`), so shrinking stays simple.
 */
export function smallNetArb(options: SmallNetArbOptions = {}): fc.Arbitrary<SmallNetCase> {
  const { activations = ['sigmoid', 'tanh', 'relu'], kinds = ['act', 'conv', 'maxPool2'], minLayers = 1 } = options;
  const raw = fc.record({
    kind: fc.constantFrom(...kinds),
    fn: fc.constantFrom(...activations),
    k: fc.integer({ min: 2, max: 3 }),
    stride: fc.integer({ min: 1, max: 2 }),
    pad: fc.integer({ min: 0, max: 1 }),
    out: fc.integer({ min: 1, max: 3 }),
  });
  const dims = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 4, max: 8 }), fc.integer({ min: 4, max: 8 }), fc.integer({ min: 1, max: 2 }));
  return fc
    .record({ input: dims, layers: fc.array(raw, { minLength: minLayers, maxLength: 3 }), classes: fc.integer({ min: 2, max: 4 }), seed: fc.nat({ max: 2 ** 31 - 1 }) })
    .map(({ input, layers, classes, seed }) => {
      let s: Hwc = [input[1], input[2], input[3]];
      const fixed = layers.map((r) => {
        const layer = repair(s, r);
        s = layerOutputShape(s, layer);
        return layer;
      });
      return smallNetCase({ input, layers: fixed, classes, seed });
    });
}
