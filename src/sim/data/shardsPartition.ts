/**
 * McMahan et al. 2017 (FedAvg, arXiv 1602.05629) §3 shards: sort the indices by label (ties by
 * index), cut them into S = numClients·shardsPerClient contiguous shards, shuffle the shards and
 * deal shardsPerClient to each client. Shard j is sorted[floor(j·n/S) .. floor((j+1)·n/S)), so
 * every sample is used and shard sizes differ by at most one (McMahan: 60000 / 200 = 300 each).
 */
import { InputError } from '../../errors.js';
import { makeRng, shuffled } from '../../tensor/rng.js';
import { checkInt, groupByClass, range, sortClients } from './partitionCommon.js';
import type { Partition, ShardsConfig } from './types.js';

const WHERE = 'shards partition';

/**
 * Split `labels` into `numClients` clients of `shardsPerClient` label-sorted shards each.
 * @returns indices per client, each ascending; disjoint; together they cover every index.
 */
export function shardsPartition(labels: ArrayLike<number>, config: ShardsConfig): Partition {
  const { numClients, shardsPerClient, seed } = config;
  checkInt(WHERE, 'numClients', numClients, 1);
  checkInt(WHERE, 'shardsPerClient', shardsPerClient, 1);
  checkInt(WHERE, 'seed', seed, 0);
  const sorted = [...groupByClass(WHERE, labels).values()].flat();
  const n = sorted.length;
  const numShards = numClients * shardsPerClient;
  if (numShards > n) {
    throw new InputError(
      `${WHERE}: more shards than samples (got ${n} samples, expected at least ${numShards} = ${numClients} clients × ${shardsPerClient} shardsPerClient)`,
    );
  }
  const shard = (j: number): number[] => sorted.slice(Math.floor((j * n) / numShards), Math.floor(((j + 1) * n) / numShards));
  const order = shuffled(makeRng(seed, 'partition', 'shards'), range(numShards));
  return sortClients(
    range(numClients).map((i) => order.slice(i * shardsPerClient, (i + 1) * shardsPerClient).flatMap(shard)),
  );
}
