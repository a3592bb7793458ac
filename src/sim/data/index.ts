/** Data layer: dataset loaders, synthetic data, partitioners and batching. */
export type {
  Dataset,
  DirichletConfig,
  IidConfig,
  LoadOptions,
  Partition,
  PartitionConfig,
  PathologicalConfig,
  ShardsConfig,
  Split,
} from './types.js';
export { encodeIdx, readIdx, readIdxImages, readIdxLabels } from './idx.js';
export type { IdxFile, IdxReadOptions } from './idx.js';
export { idxFileNames, loadIdxDataset } from './loadIdxDataset.js';
export type { IdxDatasetSpec } from './loadIdxDataset.js';
export { loadMnist, mnistDataDir } from './mnist.js';
export { FASHION_MNIST_DEBIAN_DIR, loadFashionMnist } from './fashionMnist.js';
export { cifar10FileNames, loadCifar10 } from './cifar10.js';
export { makeSyntheticDataset } from './synthetic.js';
export type { SyntheticConfig } from './synthetic.js';
export { pathologicalPartition } from './pathologicalPartition.js';
export { iidPartition } from './iidPartition.js';
export { dirichletPartition } from './dirichletPartition.js';
export { shardsPartition } from './shardsPartition.js';
export { partition } from './partition.js';
export { subset } from './subset.js';
export { oneHot, toBatch } from './batch.js';
export type { TensorBatch } from './batch.js';
export {
  CIFAR10_NORMALIZATION, MNIST_NORMALIZATION, IDENTITY_NORMALIZATION, defaultNormalization, validateNormalization,
  normalizationBox, normalizeImage, denormalizeImage, normalisedPsnrRange,
} from './normalization.js';
export type { Normalization } from './normalization.js';
