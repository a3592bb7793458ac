/**
 * Plain-data records of the data layer (no tensors): a loaded dataset, its split, the
 * options every loader takes, and the partitioner configs.
 */

/** Which half of a dataset to load. */
export type Split = 'train' | 'test';

/**
 * A labelled image dataset held in plain typed arrays.
 * `images` has N·H·W·C values in [0, 1], NHWC row-major; `labels[i]` < `numClasses`.
 */
export interface Dataset {
  /** Dataset name, e.g. `mnist`, `fashion-mnist`, `cifar10`, `synthetic-blobs`. */
  readonly name: string;
  /** N·H·W·C pixel values in [0, 1], NHWC row-major. */
  readonly images: Float32Array;
  /** N class labels, each < numClasses. */
  readonly labels: Uint8Array;
  /** Per-image shape [H, W, C]. */
  readonly shape: readonly [number, number, number];
  /** Number of classes. */
  readonly numClasses: number;
  /** File paths (or generator parameters) the data came from, for provenance. */
  readonly source: string;
}

/** Options shared by the file loaders. */
export interface LoadOptions {
  /** Directory holding the dataset files. @default the dataset's installed location */
  readonly dataDir?: string;
  /** Keep only the first `limit` samples (file order). @default all samples */
  readonly limit?: number;
}

/** Paper non-IID split: each client gets `classesPerClient` random classes. Soteria §6.1. */
export interface PathologicalConfig {
  readonly numClients: number;
  readonly classesPerClient: number;
  readonly samplesPerClass: number;
  readonly seed: number;
}

/** IID split of a shuffled index range. */
export interface IidConfig {
  readonly numClients: number;
  /** Samples per client. @default all samples, split into near-equal parts */
  readonly samplesPerClient?: number;
  readonly seed: number;
}

/** Label-skew split with per-class client proportions drawn from Dirichlet(alpha). */
export interface DirichletConfig {
  readonly numClients: number;
  readonly alpha: number;
  /** Smallest allowed client size. @default 0 */
  readonly minSize?: number;
  /** Full redraws tried before deterministic rebalancing. @default 10 */
  readonly maxRetries?: number;
  readonly seed: number;
}

/** McMahan et al. 2017 shards: sort by label, cut into shards, deal shards to clients. */
export interface ShardsConfig {
  readonly numClients: number;
  readonly shardsPerClient: number;
  readonly seed: number;
}

/** Any partitioner config, discriminated by `kind`. */
export type PartitionConfig =
  | ({ readonly kind: 'pathological' } & PathologicalConfig)
  | ({ readonly kind: 'iid' } & IidConfig)
  | ({ readonly kind: 'dirichlet' } & DirichletConfig)
  | ({ readonly kind: 'shards' } & ShardsConfig);

/** Indices into a dataset, one array per client. */
export type Partition = number[][];
