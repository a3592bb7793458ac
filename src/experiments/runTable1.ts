/**
 * Soteria (arXiv 2012.06043) Table 1: how well representation inference (§3.2) recovers the
 * class representations at the inputs of FC1, FC2 and FC3 from FedAvg client updates. Model:
 * mlp3 (flatten → fc1 – act → fc2 – act → fc3; the paper's three-FC model is unpublished). The
 * server sees the MODEL DIFFERENCE Δθ = θ_global − θ_local (the paper's dependence of cor on E and B
 * implies the whole local update, not one gradient); cor = Pearson(inferred, true class mean at the
 * round-start weights), averaged over the analysed clients and their true classes. Training runs
 * in memory through `runRound` (no checkpoint); the analysed clients' local training is replayed
 * from the same rng streams, so the attacked updates are exactly those aggregated.
 * Call `initBackend` first.
 */
import { disposeParams, tf } from '../tensor/index.js';
import { iidPartition, pathologicalPartition } from '../sim/data/index.js';
import { makeDefense } from '../sim/defenses/index.js';
import { evaluate, runRound } from '../sim/fl/index.js';
import type { FlConfig } from '../sim/fl/index.js';
import { mlp3 } from '../sim/models/index.js';
import type { Model } from '../sim/types.js';
import { loadTrainData } from './loadTrainData.js';
import { makeProvenance } from './provenance.js';
import type { Provenance, ProvenanceBackend } from './provenance.js';
import { analyseTable1Client } from './table1Client.js';
import type { Table1ClientRecord } from './table1Client.js';
import { resolveTable1Config } from './table1Config.js';
import type { Table1Config } from './table1Config.js';

/** The FC layers of Table 1, in the paper's column order. */
export const TABLE1_LAYERS = ['fc1', 'fc2', 'fc3'] as const;

/** Per-layer summary over all (client, true class) pairs. */
export interface Table1LayerSummary {
  /** Mean Pearson cor (null when no pair had a defined cor). */
  readonly meanCor: number | null;
  /** Mean |cor| (sign-independent reading). */
  readonly meanAbsCor: number | null;
  /** Pairs with a defined cor. */
  readonly n: number;
}

/** The result JSON of the Table 1 experiment. */
export interface Table1Result {
  readonly config: Table1Config;
  readonly model: { readonly kind: 'mlp3'; readonly hidden: readonly [number, number]; readonly activation: string; readonly inputShape: readonly number[]; readonly numClasses: number };
  /** What the server attacks. */
  readonly update: 'modelDifference';
  /** Which weights define the true class-mean representations. */
  readonly truthWeights: 'roundStart';
  /** fc1/fc2/fc3 → summary over every analysed round (Table 1's FC1/FC2/FC3 columns). */
  readonly layers: Readonly<Record<string, Table1LayerSummary>>;
  /** The same summary per analysed round (1-based). */
  readonly byRound: readonly { readonly round: number; readonly layers: Readonly<Record<string, Table1LayerSummary>> }[];
  /** Fraction of analysed clients whose detected class set equals their true set. */
  readonly detectionExact: number;
  readonly clients: readonly Table1ClientRecord[];
  /** Test accuracy of the final global model. */
  readonly accuracy: number;
  readonly ms: number;
  readonly provenance: Provenance;
}

function summarize(records: readonly Table1ClientRecord[]): Record<string, Table1LayerSummary> {
  const mean = (vs: number[]): number | null => (vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0) / vs.length);
  return Object.fromEntries(TABLE1_LAYERS.map((layer) => {
    const vs = records.flatMap((r) => r.cor.filter((e) => e.layer === layer && e.cor !== null).map((e) => e.cor as number));
    return [layer, { meanCor: mean(vs), meanAbsCor: mean(vs.map(Math.abs)), n: vs.length }];
  }));
}

/** Non-IID: classesPerClient random classes × samplesPerClass; IID: as many samples, uniformly. */
function makeClients(c: Table1Config, labels: Uint8Array): number[][] {
  if (c.split === 'noniid') {
    return pathologicalPartition(labels, { numClients: c.numClients, classesPerClient: c.classesPerClient, samplesPerClass: c.samplesPerClass, seed: c.seed });
  }
  return iidPartition(labels, { numClients: c.numClients, samplesPerClient: c.classesPerClient * c.samplesPerClass, seed: c.seed });
}

function detectionExact(records: readonly Table1ClientRecord[]): number {
  const exact = records.filter((r) => r.detected.length === r.classes.length && r.classes.every((k) => r.detected.includes(k))).length;
  return records.length === 0 ? 0 : exact / records.length;
}

function flConfig(c: Table1Config, clients: readonly (readonly number[])[]): FlConfig {
  const full = clients.reduce((m, k) => Math.max(m, k.length), 1);
  return {
    numClients: c.numClients, clientsPerRound: c.clientsPerRound, rounds: c.rounds, localEpochs: c.localEpochs,
    batchSize: c.batchSize === 'full' ? full : c.batchSize, lr: { kind: 'constant', eta: c.lr }, l2: 0, sampling: 'uniform',
  };
}

/**
 * Run the Table 1 experiment a config describes (validated with `resolveTable1Config`).
 * @param input - a `Table1ConfigInput` (plain JSON).
 * @param options - argv and the backend (`initBackend`'s answer) for provenance.
 *   @default { argv: ['table1'], backend: the current tfjs backend }
 * @returns plain JSON data.
 * @throws InputError on a bad config or data that cannot serve the partition.
 */
export function runTable1(input: unknown, options: { readonly argv?: readonly string[]; readonly backend?: ProvenanceBackend } = {}): Table1Result {
  const startedAt = new Date();
  const t0 = performance.now();
  const c = resolveTable1Config(input);
  const { train, test } = loadTrainData(c.data, c.seed);
  const clients = makeClients(c, train.labels);
  const base = { inputShape: train.shape, numClasses: train.numClasses, hidden: c.model.hidden, activation: c.model.activation };
  const models = new Map<string, Model>(TABLE1_LAYERS.map((l) => [l, mlp3({ ...base, representationLayer: l })]));
  const model = models.get('fc3') as Model;
  const fl = flConfig(c, clients);
  const setup = { seed: c.seed, model, train, clients, defense: makeDefense({ kind: 'none' }), fl };
  const records: Table1ClientRecord[] = [];
  let params = model.init(c.seed);
  try {
    for (let r = 0; r < c.rounds; r++) {
      const out = runRound(setup, params, r);
      if (c.analyseRounds.includes(r + 1)) {
        for (const k of new Set(out.clients)) {
          records.push(analyseTable1Client({ models, params, train, clients, client: k, seed: c.seed, round: r, fl, inference: c.inference }));
        }
      }
      disposeParams(params);
      params = out.params;
    }
    const accuracy = evaluate(model, params, test).accuracy;
    return {
      config: c, model: { kind: 'mlp3', ...base }, update: 'modelDifference', truthWeights: 'roundStart',
      layers: summarize(records), byRound: c.analyseRounds.map((round) => ({ round, layers: summarize(records.filter((r) => r.round === round)) })),
      detectionExact: detectionExact(records), clients: records, accuracy,
      ms: Math.round(performance.now() - t0),
      provenance: makeProvenance({ argv: options.argv ?? ['table1'], seed: c.seed, backend: options.backend ?? { requested: tf.getBackend(), name: tf.getBackend() }, config: c, startedAt }),
    };
  } finally {
    disposeParams(params);
  }
}
