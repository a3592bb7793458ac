/**
 * The steps of `soteria-lab demo`. Each does one thing with the real simulator APIs and
 * returns a `DemoStep` saying what it did plus measured figures (never a canned number).
 */
import { disposeParams, initBackend, makeRng, paramCount, tf, toScalar } from '../tensor/index.js';
import type { BackendInfo, BackendName, ParamMap } from '../tensor/index.js';
import { randomNormalTensor } from '../tensor/randomTensor.js';
import { loadMnist } from '../sim/data/index.js';
import type { Dataset } from '../sim/data/index.js';
import { makeModel } from '../sim/models/index.js';
import type { Model } from '../sim/types.js';
import { dlgObjective, dlgValueAndGrads, targetGradients } from '../sim/attacks/dlgObjective.js';

/** What one demo step did. */
export interface DemoStep {
  /** Short step id: 'backend', 'data', 'model', 'dlgObjective'. */
  readonly step: string;
  /** One sentence: what the step did. */
  readonly did: string;
  /** Measured figures. */
  readonly figures: Readonly<Record<string, number | string | boolean>>;
  /** Wall time of the step, ms. */
  readonly ms: number;
}

/** A step's report plus the value later steps use. */
export interface StepOutcome<T> {
  readonly report: DemoStep;
  readonly value: T;
}

/** MNIST digits are 28×28; DLG's LeNet takes 32×32 (zero padding of 2 pixels per side, PAPER.md §4). */
const PAD = 2;

async function timed<T>(step: string, fn: () => Promise<{ did: string; figures: DemoStep['figures']; value: T }>): Promise<StepOutcome<T>> {
  const t0 = performance.now();
  const { did, figures, value } = await fn();
  return { report: { step, did, figures, ms: round(performance.now() - t0, 1) }, value };
}

/**
 * Step (a): select the backend and install the second-order-gradient patches.
 * @param requested - the `--backend` value.
 * @returns the `BackendInfo`.
 */
export function backendStep(requested: BackendName): Promise<StepOutcome<BackendInfo>> {
  return timed('backend', async () => {
    const info = await initBackend(requested);
    return { did: `initialised tfjs backend '${info.name}' (requested '${requested}') with the gradient patches`, figures: { requested, used: info.name, detail: info.detail }, value: info };
  });
}

/**
 * Step (b): load the first `images` MNIST test images.
 * @param images - how many.
 * @returns the dataset.
 */
export function dataStep(images: number): Promise<StepOutcome<Dataset>> {
  return timed('data', async () => {
    const ds = loadMnist('test', { limit: images });
    const classes = new Set(ds.labels).size;
    const meanPixel = ds.images.reduce((s, v) => s + v, 0) / ds.images.length;
    return { did: `loaded ${ds.labels.length} MNIST test images (${ds.shape.join('x')}) from ${ds.source}`, figures: { images: ds.labels.length, classes, meanPixel: round(meanPixel, 4) }, value: ds };
  });
}

/** Images of `ds` as [n, 32, 32, 1] (zero-padded) and labels [n]. Caller owns returned tensors. */
function paddedBatch(ds: Dataset, count: number): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const [h, w, c] = ds.shape;
  const x = tf.tidy(() => tf.pad(tf.tensor4d(ds.images.subarray(0, count * h * w * c), [count, h, w, c]), [[0, 0], [PAD, PAD], [PAD, PAD], [0, 0]]) as tf.Tensor4D);
  return { x, y: tf.tensor1d(Int32Array.from(ds.labels.subarray(0, count)), 'int32') };
}

/**
 * Step (c): build DLG's LeNet for padded MNIST, draw its weights and classify the images.
 * @param ds - the images.
 * @param seed - the run seed (weights come from `makeRng(seed, 'init', …)`).
 * @returns the model and its parameters (caller disposes the parameters).
 */
export function modelStep(ds: Dataset, seed: number): Promise<StepOutcome<{ model: Model; params: ParamMap }>> {
  return timed('model', async () => {
    const [h, w, c] = ds.shape;
    const model = makeModel({ kind: 'lenetDlg', inputShape: [h + 2 * PAD, w + 2 * PAD, c], numClasses: ds.numClasses });
    const params = model.init(seed);
    const { x, y } = paddedBatch(ds, ds.labels.length);
    const accuracy = readScalar(() => tf.mean(tf.cast(tf.equal(tf.argMax(model.apply(params, x).logits, 1), y), 'float32')));
    tf.dispose([x, y]);
    return {
      did: `built ${model.name} (input ${model.inputShape.join('x')}, r of ${model.representationSize} features) and classified ${ds.labels.length} images with untrained weights`,
      figures: { params: paramCount(params), representationSize: model.representationSize, untrainedAccuracy: round(accuracy, 4) },
      value: { model, params },
    };
  });
}

/**
 * Step (d): one DLG closure, D(x, z) = Σ‖∇θ CE(f(x), softmax(z)) − T‖² and ∇x D, ∇z D (double
 * backprop), for the first image; checks ∇x D against a float32 central difference along a
 * random direction. Zhu et al. 2019 (DLG), Alg. 1.
 * @param ds - the images (the first one is the client's).
 * @param model - the model.
 * @param params - its parameters.
 * @param seed - the run seed (dummy and direction from `makeRng(seed, 'demo', …)`).
 * @returns the report (no value).
 */
export function dlgStep(ds: Dataset, model: Model, params: ParamMap, seed: number): Promise<StepOutcome<null>> {
  return timed('dlgObjective', async () => {
    const { x, y } = paddedBatch(ds, 1);
    const targets = targetGradients(model, params, x, y);
    const rng = makeRng(seed, 'demo', 'dlg');
    const dummyX = randomNormalTensor(rng.fork('x'), x.shape) as tf.Tensor4D;
    const dummyZ = randomNormalTensor(rng.fork('z'), [1, model.numClasses]) as tf.Tensor2D;
    const v = randomNormalTensor(rng.fork('direction'), x.shape) as tf.Tensor4D;
    try {
      tf.dispose(Object.values(dlgValueAndGrads(model, params, targets, dummyX, dummyZ))); // warm-up (kernel setup)
      const t0 = performance.now();
      const ev = dlgValueAndGrads(model, params, targets, dummyX, dummyZ);
      const value = toScalar(ev.value);
      const evalMs = performance.now() - t0;
      const figures = { D: round(value, 6), gradXNorm: round(readScalar(() => tf.norm(ev.gradX)), 6), gradZNorm: round(readScalar(() => tf.norm(ev.gradZ)), 6), evalMs: round(evalMs, 1), fdRelativeError: directionalCheck(model, params, targets, dummyX, dummyZ, ev.gradX, v) };
      tf.dispose(Object.values(ev));
      return { did: 'evaluated the DLG objective D and its gradients w.r.t. a random dummy image and label (double backprop) against the first image\'s shared gradient', figures, value: null };
    } finally {
      tf.dispose([x, y, dummyX, dummyZ, v]);
      disposeParams(targets);
    }
  });
}

/** |(D(x+hv) − D(x−hv))/2h − ⟨∇x D, v⟩| / (‖∇x D‖·‖v‖), float32 with h = 1e-2. */
function directionalCheck(model: Model, params: ParamMap, targets: ParamMap, x: tf.Tensor4D, z: tf.Tensor2D, gradX: tf.Tensor4D, v: tf.Tensor4D): number {
  const h = 1e-2;
  const relErr = readScalar(() => {
    const D = (xx: tf.Tensor4D): tf.Scalar => dlgObjective(model, params, targets, xx, z);
    const fd = tf.div(tf.sub(D(tf.add(x, tf.mul(v, h))), D(tf.sub(x, tf.mul(v, h)))), 2 * h);
    return tf.div(tf.abs(tf.sub(fd, tf.sum(tf.mul(gradX, v)))), tf.mul(tf.norm(gradX), tf.norm(v)));
  });
  return Number(relErr.toExponential(2));
}

/** Runs `fn` in a tidy and reads its scalar result, disposing everything. */
function readScalar(fn: () => tf.Tensor): number {
  const t = tf.tidy(fn);
  try {
    return toScalar(t);
  } finally {
    t.dispose();
  }
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
