/**
 * Plain-data map specifications (what fast-check draws and shrinks) and their construction
 * (theory-spec §3.1). Every weight comes from `makeTheoryRng(spec.seed, ...)`.
 */
import { matVec } from '../dense.js';
import { operatorNorm } from '../matrixNorms.js';
import { conditionedMatrix } from '../orthogonal.js';
import { makeTheoryRng, type TheoryRng } from '../random.js';
import type { Mat, TheoryMap, Vec } from '../types.js';
import { leakyRelu, smoothActivation, tanhActivation, type Activation } from './activations.js';
import { couplingMap, type CouplingLayer, type TanhNet } from './couplingMap.js';
import { mlpMap, type MlpLayer } from './mlpMap.js';

/** The invertible families of theory-spec §3.1. */
export type MapFamily = 'affine' | 'leakyReluMlp' | 'tanhMlp' | 'smoothMlp' | 'coupling';

/** A map drawn from a family; plain JSON (this is what a counterexample prints). */
export interface MapSpec {
  readonly family: MapFamily;
  readonly dim: number;
  /** Target condition number of the Jacobian (split evenly over the layers). */
  readonly kappa: number;
  readonly depth: number;
  /** leaky-ReLU slope α, or the a of σ(z) = z + a·tanh z; unused otherwise. */
  readonly param: number;
  readonly seed: number;
}

/** Largest |pre-activation| allowed in the tanh family (theory-spec §3.1). */
export const TANH_PREACT_LIMIT = 3;
const BIAS_STD = 0.1;

const identityActivation: Activation = {
  name: 'identity',
  lipschitz: 1,
  smooth: true,
  apply: (z) => z,
  derivative: () => 1,
  inverse: (y) => y,
  inverseDerivative: () => 1,
  inRange: (y) => Number.isFinite(y),
};

function activationOf(spec: Pick<MapSpec, 'family' | 'param'>): Activation {
  switch (spec.family) {
    case 'affine':
      return identityActivation;
    case 'leakyReluMlp':
      return leakyRelu(spec.param);
    case 'tanhMlp':
      return tanhActivation;
    case 'smoothMlp':
      return smoothActivation(spec.param);
    case 'coupling':
      throw new Error('activationOf: coupling maps have no elementwise activation');
  }
}

function mlpLayers(spec: MapSpec, rng: TheoryRng): MlpLayer[] {
  const depth = spec.family === 'affine' ? 1 : spec.depth;
  const kLayer = Math.pow(spec.kappa, 1 / depth);
  return Array.from({ length: depth }, (_, l) => {
    const r = rng.fork('layer', l);
    let W = conditionedMatrix(spec.dim, kLayer, r);
    let b = r.normals(spec.dim).map((v) => BIAS_STD * v);
    if (spec.family === 'tanhMlp') {
      // keep every pre-activation within ±3: |b| ≤ 0.3 and (for l ≥ 2) ‖W‖_∞ ≤ 2.7 since |h| < 1
      b = b.map((v) => Math.max(-0.3, Math.min(0.3, v)));
      const rowSum = operatorNorm(W, Infinity).upper;
      if (l > 0 && rowSum > TANH_PREACT_LIMIT - 0.3) W = W.map((row) => row.map((x) => (x * (TANH_PREACT_LIMIT - 0.3)) / rowSum));
    }
    return { W, b };
  });
}

function tanhNet(inDim: number, outDim: number, rng: TheoryRng, gain: number): TanhNet {
  const hidden = 8;
  const W1 = Array.from({ length: hidden }, () => rng.normals(inDim).map((v) => v / Math.sqrt(inDim)));
  const W2 = Array.from({ length: outDim }, () => rng.normals(hidden).map((v) => (gain * v) / Math.sqrt(hidden)));
  return { W1, c1: rng.normals(hidden).map((v) => BIAS_STD * v), W2 };
}

function couplingLayers(spec: MapSpec, rng: TheoryRng): CouplingLayer[] {
  const split = Math.floor(spec.dim / 2);
  return Array.from({ length: spec.depth }, (_, l) => {
    const r = rng.fork('coupling', l);
    const perm = Array.from({ length: spec.dim }, (__, i) => i);
    for (let i = perm.length - 1; i > 0; i--) {
      const j = r.nextInt(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    return { perm, split, s: tanhNet(split, spec.dim - split, r, 0.5), t: tanhNet(split, spec.dim - split, r, 1) };
  });
}

/** f(x) = A·x + b as a map (analytic inverse by LU). */
export function affineMap(name: string, A: Mat, b: Vec): TheoryMap {
  return mlpMap(name, [{ W: A, b }], identityActivation);
}

/**
 * A map's parameters as plain data (JSON-serialisable): the layers `buildMap` constructs the map
 * from. MLP families: f = σ∘(W_L·+b_L)∘…∘σ∘(W_1·+b_1) with σ given by family and `param`.
 */
export type MapParameters =
  | { readonly family: Exclude<MapFamily, 'coupling'>; readonly dim: number; readonly param: number; readonly layers: readonly MlpLayer[] }
  | { readonly family: 'coupling'; readonly dim: number; readonly layers: readonly CouplingLayer[] };

/** The parameters of the map a spec describes (every weight from `makeTheoryRng(spec.seed, 'map', family)`). */
export function mapParameters(spec: MapSpec): MapParameters {
  if (!Number.isInteger(spec.dim) || spec.dim < 1) throw new RangeError(`buildMap: dim must be a positive integer (got ${spec.dim})`);
  const rng = makeTheoryRng(spec.seed, 'map', spec.family);
  if (spec.family !== 'coupling') return { family: spec.family, dim: spec.dim, param: spec.param, layers: mlpLayers(spec, rng) };
  if (spec.dim < 2) throw new RangeError(`buildMap: coupling needs dim >= 2 (got ${spec.dim})`);
  return { family: 'coupling', dim: spec.dim, layers: couplingLayers(spec, rng) };
}

/** Construct a map from its parameters (uses the given layer objects, no copy). */
export function mapFromParameters(p: MapParameters, name: string = p.family): TheoryMap {
  if (p.family === 'coupling') return couplingMap(name, p.dim, p.layers);
  return mlpMap(name, p.layers, activationOf(p));
}

/** Construct the map a spec describes. */
export function buildMap(spec: MapSpec): TheoryMap {
  const name = `${spec.family}(d=${spec.dim},κ=${spec.kappa},depth=${spec.depth},param=${spec.param},seed=${spec.seed})`;
  return mapFromParameters(mapParameters(spec), name);
}

/** A point x ~ N(0, I) for the spec's map; for tanh MLPs scaled so first-layer |z| ≤ 3. */
export function samplePoint(spec: MapSpec, seed: number): number[] {
  const rng = makeTheoryRng(spec.seed, 'point', seed);
  const x = rng.normals(spec.dim);
  if (spec.family !== 'tanhMlp') return x;
  const W = mlpLayers(spec, makeTheoryRng(spec.seed, 'map', spec.family))[0].W;
  const wx = matVec(W, x);
  const m = Math.max(...wx.map(Math.abs));
  const c = m > TANH_PREACT_LIMIT - 0.3 ? (TANH_PREACT_LIMIT - 0.3) / m : 1;
  return x.map((v) => v * c);
}

