/**
 * IID split: shuffle all indices once and deal consecutive blocks to the clients. With
 * `samplesPerClient`, client i gets block i of that size (the rest is unused); without it, all
 * n samples are split into near-equal blocks (the first n mod numClients clients get one more).
 */
import { InputError } from '../../errors.js';
import { makeRng, shuffled } from '../../tensor/rng.js';
import { checkInt, range, sortClients } from './partitionCommon.js';
import type { IidConfig, Partition } from './types.js';

const WHERE = 'iid partition';

/**
 * Split `n` samples (or `labels.length`) uniformly at random into `numClients` clients.
 * @returns indices per client, each ascending; disjoint across clients.
 */
export function iidPartition(nOrLabels: number | ArrayLike<number>, config: IidConfig): Partition {
  const n = typeof nOrLabels === 'number' ? nOrLabels : nOrLabels.length;
  const { numClients, samplesPerClient, seed } = config;
  checkInt(WHERE, 'dataset size', n, 0);
  checkInt(WHERE, 'numClients', numClients, 1);
  checkInt(WHERE, 'seed', seed, 0);
  if (samplesPerClient !== undefined) checkInt(WHERE, 'samplesPerClient', samplesPerClient, 1);
  const need = samplesPerClient === undefined ? numClients : numClients * samplesPerClient;
  if (need > n) {
    throw new InputError(
      `${WHERE}: not enough samples (got ${n}, expected at least ${need} for ${numClients} clients${samplesPerClient === undefined ? '' : ` × ${samplesPerClient} samplesPerClient`})`,
    );
  }
  const perm = shuffled(makeRng(seed, 'partition', 'iid'), range(n));
  const bound = (i: number): number =>
    samplesPerClient === undefined ? i * Math.floor(n / numClients) + Math.min(i, n % numClients) : i * samplesPerClient;
  return sortClients(range(numClients).map((i) => perm.slice(bound(i), bound(i + 1))));
}
