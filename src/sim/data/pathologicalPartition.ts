/**
 * The paper's pathological non-IID split: every client holds `classesPerClient` classes with
 * `samplesPerClass` samples of each. Soteria (arXiv 2012.06043) §6.1: 100 devices, 2 random
 * classes each, 100 samples per class (20 for Table 1).
 *
 * Rule: each client draws its classes uniformly at random without repetition among the classes
 * present in `labels` (clients draw independently, so class popularity varies). Samples are drawn
 * without replacement across all clients: each class's indices are shuffled once and handed out
 * in order. If the clients that drew a class need more samples than it has, that is an
 * `InputError` naming the class, the demand and the supply.
 */
import { InputError } from '../../errors.js';
import { makeRng, shuffled } from '../../tensor/rng.js';
import { checkInt, groupByClass, sortClients } from './partitionCommon.js';
import type { Partition, PathologicalConfig } from './types.js';

const WHERE = 'pathological partition';

/**
 * Split `labels` into `numClients` clients of `classesPerClient` classes × `samplesPerClass`.
 * @returns indices per client, each ascending; disjoint across clients.
 */
export function pathologicalPartition(labels: ArrayLike<number>, config: PathologicalConfig): Partition {
  const { numClients, classesPerClient: k, samplesPerClass: s, seed } = config;
  checkInt(WHERE, 'numClients', numClients, 1);
  checkInt(WHERE, 'classesPerClient', k, 1);
  checkInt(WHERE, 'samplesPerClass', s, 1);
  checkInt(WHERE, 'seed', seed, 0);
  const byClass = groupByClass(WHERE, labels);
  const classes = [...byClass.keys()];
  if (k > classes.length) {
    throw new InputError(`${WHERE}: bad classesPerClient (got ${k}, expected at most ${classes.length}, the number of classes present)`);
  }
  const rng = makeRng(seed, 'partition', 'pathological');
  const clientRng = rng.fork('clients');
  const chosen = Array.from({ length: numClients }, () => shuffled(clientRng, classes).slice(0, k));
  const pools = new Map(classes.map((c) => [c, shuffled(rng.fork('class', c), byClass.get(c) ?? [])]));
  checkSupply(chosen, pools, s);
  const next = new Map(classes.map((c) => [c, 0]));
  const parts = chosen.map((cs) =>
    cs.flatMap((c) => {
      const start = next.get(c) ?? 0;
      next.set(c, start + s);
      return (pools.get(c) ?? []).slice(start, start + s);
    }),
  );
  return sortClients(parts);
}

function checkSupply(chosen: readonly number[][], pools: ReadonlyMap<number, readonly number[]>, s: number): void {
  const demand = new Map<number, number>();
  for (const cs of chosen) for (const c of cs) demand.set(c, (demand.get(c) ?? 0) + 1);
  for (const [c, clients] of demand) {
    const have = pools.get(c)?.length ?? 0;
    if (clients * s > have) {
      throw new InputError(
        `${WHERE}: class ${c} has too few samples (got ${have}, expected at least ${clients * s} = ${clients} clients × ${s} samplesPerClass); use fewer clients or samples, or a larger split`,
      );
    }
  }
}
