/**
 * One device's local training (Soteria arXiv 2012.06043, Algorithm 2) as plain data, so that it
 * can run in a worker thread: the global model's values, the device's samples, the model and
 * defense configs and the round's hyper-parameters go in; the trained values and statistics come
 * back. The worker rebuilds the same model, defense and rng stream, so a device trained in a
 * worker ends bit-for-bit where `localTrain` in the main thread ends.
 */
import { disposeParams, makeRng, readFloat32, tf } from '../../tensor/index.js';
import type { ParamMap, Rng } from '../../tensor/index.js';
import { subset } from '../data/subset.js';
import type { Dataset } from '../data/types.js';
import { makeDefense } from '../defenses/index.js';
import type { DefenseConfig, DefenseStats } from '../defenses/types.js';
import { makeModel } from '../models/index.js';
import type { ModelConfig } from '../types.js';
import { localTrain } from './localTrain.js';
import type { FlConfig } from './types.js';

/** Parameter values by name (transferable between threads). */
export type ParamArrays = Record<string, { readonly shape: number[]; readonly values: Float32Array }>;

/** Everything a worker needs to train device `client` in round `round`. */
export interface ClientJob {
  readonly backend: string;
  readonly model: ModelConfig;
  readonly defense: DefenseConfig;
  readonly params: ParamArrays;
  /** The device's samples, in partition order. */
  readonly data: Dataset;
  readonly fl: Pick<FlConfig, 'localEpochs' | 'batchSize' | 'lr' | 'l2'>;
  readonly seed: number;
  readonly round: number;
  readonly client: number;
  readonly stepOffset: number;
}

/** What a device's local training returns, as plain data. */
export interface ClientResult {
  readonly params: ParamArrays;
  readonly steps: number;
  readonly meanLoss: number;
  readonly defense: DefenseStats;
}

/** Device k's stream for round r's local training (shared by the in-thread and worker paths). */
export function clientRng(seed: number, round: number, client: number): Rng {
  return makeRng(seed, 'round', round, 'client', client, 'local');
}

/** Copy parameter tensors to arrays. */
export function toParamArrays(p: ParamMap): ParamArrays {
  return Object.fromEntries(Object.entries(p).map(([n, t]) => [n, { shape: [...t.shape], values: readFloat32(t).slice() }]));
}

/** Tensors from parameter arrays. Caller owns returned tensors. */
export function fromParamArrays(a: ParamArrays): ParamMap {
  return Object.fromEntries(Object.entries(a).map(([n, v]) => [n, tf.tensor(v.values, v.shape, 'float32')]));
}

/** The buffers behind a result's arrays (to transfer instead of copying). */
export function paramBuffers(a: ParamArrays): ArrayBuffer[] {
  return Object.values(a).map((v) => v.values.buffer as ArrayBuffer);
}

/** The job for device `client`: its samples copied out of the training set. */
export function makeClientJob(o: {
  readonly backend: string; readonly model: ModelConfig; readonly defense: DefenseConfig; readonly params: ParamArrays;
  readonly train: Dataset; readonly indices: readonly number[]; readonly fl: ClientJob['fl'];
  readonly seed: number; readonly round: number; readonly client: number; readonly stepOffset: number;
}): ClientJob {
  const { train, indices, ...rest } = o;
  return { ...rest, data: subset(train, indices) };
}

/**
 * Run a job (in a worker, after the backend is initialised). The sample order is the same
 * shuffle of positions `localTrain` draws from the device's stream, so the result equals the
 * in-thread one.
 * @throws RangeError when the job's parameters do not match the model its config builds.
 */
export function runClientJob(job: ClientJob): ClientResult {
  const model = makeModel(job.model);
  const expected = model.params.map((p) => `${p.name}[${p.shape.join(',')}]`).join(' ');
  const got = model.params.map((p) => `${p.name}[${job.params[p.name]?.shape.join(',') ?? 'missing'}]`).join(' ');
  if (expected !== got || Object.keys(job.params).length !== model.params.length) {
    throw new RangeError(`client job: parameters do not match the model config (got ${got}, expected ${expected})`);
  }
  const params = fromParamArrays(job.params);
  try {
    const indices = Array.from({ length: job.data.labels.length }, (_, i) => i);
    const out = localTrain(model, params, { dataset: job.data, indices }, {
      epochs: job.fl.localEpochs, batchSize: job.fl.batchSize, lr: job.fl.lr, l2: job.fl.l2, defense: makeDefense(job.defense),
      rng: clientRng(job.seed, job.round, job.client), round: job.round, stepOffset: job.stepOffset,
    });
    const arrays = toParamArrays(out.params);
    disposeParams(out.params);
    return { params: arrays, steps: out.steps, meanLoss: out.meanLoss, defense: out.defense };
  } finally {
    disposeParams(params);
  }
}
