/**
 * Plain-JS float64 reference for the small nets of `smallNetArb`: forward pass, soft-label cross
 * entropy, hand-written reverse-mode ∇_θ L, and the DLG objective
 * D64(x, z) = Σ_θ ‖∇_θ L(x, softmax(z)) − T_θ‖² (Zhu et al. 2019, DLG, eq. (4)).
 * Layouts match tfjs: NHWC, conv weights [k, k, in, out], flatten in (h, w, c) order, dense [in, out].
 */
import { layerOutputShape, smallNetShapes } from '../arbitraries/smallNetArb.js';
import type { Float64Params, LayerSpec, SmallNetSpec } from '../arbitraries/smallNetArb.js';

type Hwc = readonly [number, number, number];
type ConvSpec = Extract<LayerSpec, { kind: 'conv' }>;
type Grads = Record<string, Float64Array>;

/** Visit every (output position, valid kernel tap) of a conv: flat bases of y, x and w. */
function forEachTap(n: number, s: Hwc, c: ConvSpec, visit: (yb: number, xb: number, wb: number) => void): void {
  const [ho, wo, o] = layerOutputShape(s, c);
  const [h, w, ci] = s;
  for (let b = 0; b < n; b++) for (let i = 0; i < ho; i++) for (let j = 0; j < wo; j++) {
    for (let di = 0; di < c.k; di++) for (let dj = 0; dj < c.k; dj++) {
      const r = i * c.stride + di - c.pad;
      const q = j * c.stride + dj - c.pad;
      if (r < 0 || r >= h || q < 0 || q >= w) continue;
      visit(((b * ho + i) * wo + j) * o, ((b * h + r) * w + q) * ci, (di * c.k + dj) * ci * o);
    }
  }
}

/** The four flat indices of every 2×2 pooling window, in output order. */
function poolWindows(n: number, [h, w, c]: Hwc): number[][] {
  const out: number[][] = [];
  for (let b = 0; b < n; b++) for (let i = 0; i < h / 2; i++) for (let j = 0; j < w / 2; j++) for (let k = 0; k < c; k++) {
    const at = (r: number, q: number): number => ((b * h + 2 * i + r) * w + 2 * j + q) * c + k;
    out.push([at(0, 0), at(0, 1), at(1, 0), at(1, 1)]);
  }
  return out;
}

const ACT: Record<string, [(a: number) => number, (a: number) => number]> = {
  sigmoid: [(a) => 1 / (1 + Math.exp(-a)), (a) => { const s = 1 / (1 + Math.exp(-a)); return s * (1 - s); }],
  tanh: [Math.tanh, (a) => 1 - Math.tanh(a) ** 2],
  relu: [(a) => Math.max(a, 0), (a) => (a > 0 ? 1 : 0)], // tfjs: step(a), 0 at a = 0
};

/** Row-wise softmax of [rows, cols] logits. */
export function softmaxRows(z: Float64Array, cols: number): Float64Array {
  const p = new Float64Array(z.length);
  for (let r = 0; r < z.length / cols; r++) {
    const row = z.subarray(r * cols, (r + 1) * cols);
    const m = Math.max(...row);
    let s = 0;
    for (let k = 0; k < cols; k++) s += p[r * cols + k] = Math.exp(row[k] - m);
    for (let k = 0; k < cols; k++) p[r * cols + k] /= s;
  }
  return p;
}

/** One hidden layer forward on [n, ...s] input `a`; `margin` is its distance to a kink (Infinity if smooth). */
function layerForward(layer: LayerSpec, li: number, p: Float64Params, a: Float64Array, n: number, s: Hwc): { y: Float64Array; margin: number } {
  const [ho, wo, co] = layerOutputShape(s, layer);
  const y = new Float64Array(n * ho * wo * co);
  let margin = Infinity;
  if (layer.kind === 'act') {
    for (let i = 0; i < a.length; i++) y[i] = ACT[layer.fn][0](a[i]);
    if (layer.fn === 'relu') for (const v of a) margin = Math.min(margin, Math.abs(v));
  } else if (layer.kind === 'conv') {
    const [w, bias] = [p[`conv${li}.weight`], p[`conv${li}.bias`]];
    forEachTap(n, s, layer, (yb, xb, wb) => {
      for (let c = 0; c < s[2]; c++) for (let o = 0; o < co; o++) y[yb + o] += a[xb + c] * w[wb + c * co + o];
    });
    for (let i = 0; i < y.length; i++) y[i] += bias[i % co];
  } else {
    poolWindows(n, s).forEach((win, i) => {
      const vals = win.map((j) => a[j]).sort((u, v) => v - u);
      y[i] = vals[0];
      if (vals[0] !== 0) margin = Math.min(margin, vals[0] - vals[1]);
    });
  }
  return { y, margin };
}

/** Backprop `dy` through one hidden layer (input `a`), storing its parameter gradients in `g`; returns dL/da. */
function layerBackward(layer: LayerSpec, li: number, p: Float64Params, a: Float64Array, dy: Float64Array, n: number, s: Hwc, g: Grads): Float64Array {
  const da = new Float64Array(a.length);
  if (layer.kind === 'act') {
    for (let i = 0; i < a.length; i++) da[i] = dy[i] * ACT[layer.fn][1](a[i]);
  } else if (layer.kind === 'maxPool2') {
    poolWindows(n, s).forEach((win, i) => {
      const m = Math.max(...win.map((j) => a[j]));
      for (const j of win) if (a[j] === m) da[j] += dy[i];
    });
  } else {
    const w = p[`conv${li}.weight`];
    const [dw, db] = [new Float64Array(w.length), new Float64Array(layer.out)];
    const [ci, co] = [s[2], layer.out];
    forEachTap(n, s, layer, (yb, xb, wb) => {
      for (let c = 0; c < ci; c++) for (let o = 0; o < co; o++) {
        dw[wb + c * co + o] += a[xb + c] * dy[yb + o];
        da[xb + c] += w[wb + c * co + o] * dy[yb + o];
      }
    });
    for (let i = 0; i < dy.length; i++) db[i % co] += dy[i];
    [g[`conv${li}.weight`], g[`conv${li}.bias`]] = [dw, db];
  }
  return da;
}

/** Row-wise ∂L/∂logits of L = −mean_b Σ_c labels·log_softmax(logits): (p·Σ_c labels − labels)/B. */
export function crossEntropyGradient(logits: Float64Array, labels: Float64Array, classes: number): Float64Array {
  const prob = softmaxRows(logits, classes);
  const rows = logits.length / classes;
  return prob.map((q, i) => {
    const r = Math.floor(i / classes);
    const mass = labels.subarray(r * classes, (r + 1) * classes).reduce((s, v) => s + v, 0);
    return (q * mass - labels[i]) / rows;
  });
}

/** The float64 net for one architecture; every function is pure in its arguments. */
export interface Float64Net {
  /** f_θ(x): [B, K] logits. */
  logits(params: Float64Params, x: Float64Array): Float64Array;
  /** L = −mean_b Σ_c labels·log_softmax(f_θ(x)). */
  loss(params: Float64Params, x: Float64Array, labels: Float64Array): number;
  /** J_θᵀ·dLogits: the parameter gradient of ⟨f_θ(x), dLogits⟩, by manual backprop. */
  backprop(params: Float64Params, x: Float64Array, dLogits: Float64Array): Grads;
  /** ∇_θ L = backprop(crossEntropyGradient(...)), by parameter name. */
  gradients(params: Float64Params, x: Float64Array, labels: Float64Array): Grads;
  /**
   * Magnitude of the summands of ∇_θ L: Σ_{b,c} |J_θᵀ e_bc|·(p_bc·Σ_c labels_bc + labels_bc)/B. A
   * float32 evaluation errs by ~ε·(this), not ~ε·|∇_θ L| (p − labels cancels when labels ≈ p).
   */
  gradientMagnitudes(params: Float64Params, x: Float64Array, labels: Float64Array): Grads;
  /** D64(x, z) = Σ_θ ‖∇_θ L(x, softmax(z)) − T_θ‖². */
  dlgObjective(params: Float64Params, targets: Float64Params, x: Float64Array, z: Float64Array): number;
  /**
   * ∇_x D64 and ∇_z D64 by the chain rule Σ_θ 2(g_θ − T_θ)·∂g_θ/∂v with ∂g/∂v by central differences
   * (step h), and the magnitudes of those summands Σ_θ |2(g_θ − T_θ)·∂g_θ/∂v| (see gradientMagnitudes).
   */
  dlgGradients(params: Float64Params, targets: Float64Params, x: Float64Array, z: Float64Array, h: number): DlgGradients64;
  /**
   * Distance of the forward pass at x to its nearest kink: min |ReLU input| and min (max − runner-up)
   * over pooling windows whose max is not 0 (ties at 0 come from ReLU and carry zero gradient).
   */
  kinkMargin(params: Float64Params, x: Float64Array): number;
}

/** Float64 second-order reference (see `Float64Net.dlgGradients`). */
export interface DlgGradients64 { readonly gradX: Float64Array; readonly magX: Float64Array; readonly gradZ: Float64Array; readonly magZ: Float64Array }

/** What every pass needs to know about the architecture. */
interface Arch { readonly spec: SmallNetSpec; readonly n: number; readonly k: number; readonly features: number; readonly shapes: readonly Hwc[] }

interface Tape { readonly inputs: Float64Array[]; readonly logits: Float64Array; readonly margin: number }

function arch(spec: SmallNetSpec): Arch {
  const shapes: Hwc[] = [[spec.input[1], spec.input[2], spec.input[3]]];
  for (const layer of spec.layers) shapes.push(layerOutputShape(shapes[shapes.length - 1], layer));
  return { spec, n: spec.input[0], k: spec.classes, features: smallNetShapes(spec).features, shapes };
}

/** Forward pass keeping every layer's input (the last entry is the flattened feature map). */
function forward({ spec, n, k, features, shapes }: Arch, p: Float64Params, x: Float64Array): Tape {
  const inputs: Float64Array[] = [];
  let margin = Infinity;
  let a = x;
  spec.layers.forEach((layer, li) => {
    inputs.push(a);
    const out = layerForward(layer, li, p, a, n, shapes[li]);
    margin = Math.min(margin, out.margin);
    a = out.y;
  });
  inputs.push(a);
  const logits = new Float64Array(n * k);
  for (let b = 0; b < n; b++) for (let c = 0; c < k; c++) {
    let s = p['fc.bias'][c];
    for (let f = 0; f < features; f++) s += a[b * features + f] * p['fc.weight'][f * k + c];
    logits[b * k + c] = s;
  }
  return { inputs, logits, margin };
}

/** J_θᵀ·dl by reverse mode through the dense layer and then every hidden layer. */
function backprop(net: Arch, p: Float64Params, x: Float64Array, dl: Float64Array): Grads {
  const { spec, n, k, features, shapes } = net;
  const { inputs } = forward(net, p, x);
  const g: Grads = { 'fc.weight': new Float64Array(features * k), 'fc.bias': new Float64Array(k) };
  const feat = inputs[inputs.length - 1];
  let da: Float64Array = new Float64Array(n * features);
  for (let b = 0; b < n; b++) for (let c = 0; c < k; c++) {
    const d = dl[b * k + c];
    g['fc.bias'][c] += d;
    for (let f = 0; f < features; f++) {
      g['fc.weight'][f * k + c] += feat[b * features + f] * d;
      da[b * features + f] += p['fc.weight'][f * k + c] * d;
    }
  }
  for (let li = spec.layers.length - 1; li >= 0; li--) da = layerBackward(spec.layers[li], li, p, inputs[li], da, n, shapes[li], g);
  return g;
}

const gradients = (net: Arch, p: Float64Params, x: Float64Array, labels: Float64Array): Grads =>
  backprop(net, p, x, crossEntropyGradient(forward(net, p, x).logits, labels, net.k));

function gradientMagnitudes(net: Arch, p: Float64Params, x: Float64Array, labels: Float64Array): Grads {
  const { n, k } = net;
  const prob = softmaxRows(forward(net, p, x).logits, k);
  const m: Grads = Object.fromEntries(Object.entries(p).map(([name, v]) => [name, new Float64Array(v.length)]));
  for (let i = 0; i < n * k; i++) {
    const r = Math.floor(i / k);
    const weight = (prob[i] * labels.subarray(r * k, (r + 1) * k).reduce((s, v) => s + v, 0) + labels[i]) / n;
    const unit = new Float64Array(n * k);
    unit[i] = 1;
    const g = backprop(net, p, x, unit);
    for (const name of Object.keys(m)) g[name].forEach((v, j) => (m[name][j] += Math.abs(v) * weight));
  }
  return m;
}

/** Σ_θ r_θ·∂g_θ/∂v_i and Σ_θ |r_θ·∂g_θ/∂v_i| for every coordinate i of `at`, ∂g/∂v by central differences. */
function chainRule(at: Float64Array, g: (v: Float64Array) => Float64Array, r: Float64Array, h: number): [Float64Array, Float64Array] {
  const [grad, mag] = [new Float64Array(at.length), new Float64Array(at.length)];
  const v = Float64Array.from(at);
  for (let i = 0; i < at.length; i++) {
    v[i] = at[i] + h;
    const up = g(v);
    v[i] = at[i] - h;
    const down = g(v);
    v[i] = at[i];
    for (let j = 0; j < r.length; j++) {
      const term = (r[j] * (up[j] - down[j])) / (2 * h);
      grad[i] += term;
      mag[i] += Math.abs(term);
    }
  }
  return [grad, mag];
}

function dlgGradients(net: Arch, p: Float64Params, t: Float64Params, x: Float64Array, z: Float64Array, h: number): DlgGradients64 {
  const names = Object.keys(p);
  const flat = (g: Float64Params): Float64Array => Float64Array.from(names.flatMap((name) => Array.from(g[name])));
  const g = (xv: Float64Array, zv: Float64Array): Float64Array => flat(gradients(net, p, xv, softmaxRows(zv, net.k)));
  const target = flat(t);
  const residual = g(x, z).map((v, i) => 2 * (v - target[i]));
  const [gradX, magX] = chainRule(x, (v) => g(v, z), residual, h);
  const [gradZ, magZ] = chainRule(z, (v) => g(x, v), residual, h);
  return { gradX, magX, gradZ, magZ };
}

function dlgObjective(net: Arch, p: Float64Params, t: Float64Params, x: Float64Array, z: Float64Array): number {
  const g = gradients(net, p, x, softmaxRows(z, net.k));
  return Object.keys(g).reduce((s, name) => s + g[name].reduce((q, v, i) => q + (v - t[name][i]) ** 2, 0), 0);
}

/** Build the float64 reference of `spec` (ties in max pooling send the gradient to every maximum, as tfjs does). */
export function float64Net(spec: SmallNetSpec): Float64Net {
  const net = arch(spec);
  const logits = (p: Float64Params, x: Float64Array): Float64Array => forward(net, p, x).logits;
  return {
    logits,
    loss: (p, x, labels) => -softmaxRows(logits(p, x), net.k).reduce((s, q, i) => s + labels[i] * Math.log(q), 0) / net.n,
    backprop: (p, x, dl) => backprop(net, p, x, dl),
    gradients: (p, x, labels) => gradients(net, p, x, labels),
    gradientMagnitudes: (p, x, labels) => gradientMagnitudes(net, p, x, labels),
    dlgObjective: (p, t, x, z) => dlgObjective(net, p, t, x, z),
    dlgGradients: (p, t, x, z, h) => dlgGradients(net, p, t, x, z, h),
    kinkMargin: (p, x) => forward(net, p, x).margin,
  };
}

/**
 * ‖a − b‖ / ‖magnitude‖: the error in units of the summand magnitudes of b (Higham's bound
 * |fl(Σ t_i) − Σ t_i| ≤ γ_n Σ |t_i|), so that float32 cancellation does not read as a bug.
 */
export function scaledError(a: ArrayLike<number>, b: ArrayLike<number>, magnitude: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += magnitude[i] ** 2;
  }
  return num === 0 ? 0 : Math.sqrt(num / den);
}
