/**
 * Dispatcher over the partitioners by config `kind` (pathological, iid, dirichlet, shards).
 */
import { dirichletPartition } from './dirichletPartition.js';
import { iidPartition } from './iidPartition.js';
import { pathologicalPartition } from './pathologicalPartition.js';
import { shardsPartition } from './shardsPartition.js';
import type { Partition, PartitionConfig } from './types.js';

/**
 * Split a dataset's `labels` among clients as `config` says. Soteria (arXiv 2012.06043) §6.1
 * uses `{ kind: 'pathological', numClients: 100, classesPerClient: 2, samplesPerClass: 100 }`.
 * @returns indices per client, each ascending; disjoint across clients.
 */
export function partition(labels: ArrayLike<number>, config: PartitionConfig): Partition {
  switch (config.kind) {
    case 'pathological':
      return pathologicalPartition(labels, config);
    case 'iid':
      return iidPartition(labels, config);
    case 'dirichlet':
      return dirichletPartition(labels, config);
    case 'shards':
      return shardsPartition(labels, config);
    default:
      return assertNever(config);
  }
}

function assertNever(x: never): never {
  throw new Error(`partition: unknown kind (got ${JSON.stringify(x)}, expected pathological, iid, dirichlet or shards)`);
}
