/**
 * Random LeNet-like sequential models for the analytic-closure properties: input
 * [1–2, 4–10, 4–10, 1–3] → 1–3 convs (k 1–5, stride 1–3, pad 0–2, 1–4 channels, each followed by
 * a sigmoid unless drawn otherwise) → flatten → optional dense hidden layer + sigmoid → dense to
 * 2–4 classes, with a random selection of parameter names. Each case is plain data (the spec);
 * `sequentialNetModel(spec)` builds the project `Model`, which declares its `layers`.
 */
import fc from 'fast-check';
import { defineModel } from '../../src/sim/models/defineModel.js';
import { sequentialForward } from '../../src/sim/models/sequentialLayers.js';
import type { SequentialLayer } from '../../src/sim/models/sequentialLayers.js';
import type { Model, ParamSpec } from '../../src/sim/types.js';

/** One conv block. */
export interface ConvBlock { readonly k: number; readonly stride: number; readonly pad: number; readonly out: number; readonly sigmoid: boolean }

/** The architecture, which parameters are selected, and the seed of every number. */
export interface SequentialNetSpec {
  readonly input: readonly [number, number, number, number];
  readonly convs: readonly ConvBlock[];
  /** Width of the dense hidden layer (0: none). */
  readonly hidden: number;
  readonly classes: number;
  /** One flag per parameter in forward order; an all-false draw selects everything. */
  readonly select: readonly boolean[];
  readonly seed: number;
}

const INIT = { kind: 'uniform', low: -0.5, high: 0.5 } as const;

/** Conv k shrunk to fit the padded input (so every output size is ≥ 1). */
function fitted(spec: SequentialNetSpec): ConvBlock[] {
  let [h, w] = [spec.input[1], spec.input[2]];
  return spec.convs.map((b) => {
    const k = Math.min(b.k, h + 2 * b.pad, w + 2 * b.pad);
    h = Math.floor((h + 2 * b.pad - k) / b.stride) + 1;
    w = Math.floor((w + 2 * b.pad - k) / b.stride) + 1;
    return { ...b, k };
  });
}

/** The model of `spec` and its selected parameter names (forward order). */
export function sequentialNetModel(spec: SequentialNetSpec): { model: Model; names: string[] } {
  const [, h0, w0, c0] = spec.input;
  let [h, w, c] = [h0, w0, c0];
  const params: ParamSpec[] = [];
  const layers: SequentialLayer[] = [];
  const affine = (name: string, wShape: number[], out: number): void => {
    params.push({ name: `${name}.weight`, shape: wShape, init: INIT, trainable: true }, { name: `${name}.bias`, shape: [out], init: INIT, trainable: true });
  };
  fitted(spec).forEach((b, i) => {
    affine(`conv${i}`, [b.k, b.k, c, b.out], b.out);
    layers.push({ kind: 'conv', name: `conv${i}`, stride: b.stride, pad: b.pad }, ...(b.sigmoid ? [{ kind: 'sigmoid' } as const] : []));
    [h, w, c] = [Math.floor((h + 2 * b.pad - b.k) / b.stride) + 1, Math.floor((w + 2 * b.pad - b.k) / b.stride) + 1, b.out];
  });
  let features = h * w * c;
  layers.push({ kind: 'flatten' });
  if (spec.hidden > 0) {
    affine('hid', [features, spec.hidden], spec.hidden);
    layers.push({ kind: 'dense', name: 'hid' }, { kind: 'sigmoid' });
    features = spec.hidden;
  }
  affine('fc', [features, spec.classes], spec.classes);
  layers.push({ kind: 'dense', name: 'fc' });
  const model = defineModel({
    name: 'seqNet', inputShape: [h0, w0, c0], numClasses: spec.classes, params, representationLayer: 'fc',
    representationSize: features, forward: sequentialForward(layers, 'fc'), layers,
  });
  const all = params.map((p) => p.name);
  const names = all.filter((_, i) => spec.select[i % spec.select.length]);
  return { model, names: names.length > 0 ? names : all };
}

/** Arbitrary {@link SequentialNetSpec}. */
export function sequentialNetArb(): fc.Arbitrary<SequentialNetSpec> {
  const conv = fc.record({
    k: fc.integer({ min: 1, max: 5 }), stride: fc.integer({ min: 1, max: 3 }), pad: fc.integer({ min: 0, max: 2 }),
    out: fc.integer({ min: 1, max: 4 }), sigmoid: fc.integer({ min: 0, max: 4 }).map((v) => v > 0),
  });
  return fc.record({
    input: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 4, max: 10 }), fc.integer({ min: 4, max: 10 }), fc.integer({ min: 1, max: 3 })),
    convs: fc.array(conv, { minLength: 1, maxLength: 3 }),
    hidden: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 })),
    classes: fc.integer({ min: 2, max: 4 }),
    select: fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }),
    seed: fc.nat({ max: 2 ** 31 - 1 }),
  });
}
