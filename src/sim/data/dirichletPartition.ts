/**
 * Label-skew non-IID split (Hsu et al. 2019, arXiv 1909.06335; Yurochkin et al. 2019): for each
 * class c, client proportions p_c ~ Dirichlet(alpha·1_K) split that class's shuffled indices
 * into K consecutive blocks (block j has round(n_c·P_j) − round(n_c·P_{j-1}) samples, P the
 * cumulative sums). Small alpha → each client sees few classes; large alpha → near IID.
 *
 * Minimum client size rule (always terminates): up to 1 + maxRetries independent draws; the
 * first whose smallest client has >= minSize samples is returned. If none does, the last draw
 * is rebalanced deterministically: while the smallest client (lowest index on ties) has fewer
 * than minSize samples, it receives the last sample of the largest client (lowest index on
 * ties). Each move lowers the total deficit by one and keeps the donor at >= minSize, so at
 * most numClients·minSize moves happen. numClients·minSize > n is an `InputError`.
 */
import { InputError } from '../../errors.js';
import { makeRng, shuffled } from '../../tensor/rng.js';
import type { Rng } from '../../tensor/rng.js';
import { dirichlet as sampleDirichlet } from '../../tensor/samplers.js';
import { checkInt, groupByClass, sortClients } from './partitionCommon.js';
import type { DirichletConfig, Partition } from './types.js';

const WHERE = 'dirichlet partition';

/**
 * Split `labels` into `numClients` label-skewed clients with Dirichlet(`alpha`) proportions.
 * @returns indices per client, each ascending; disjoint; together they cover every index.
 */
export function dirichletPartition(labels: ArrayLike<number>, config: DirichletConfig): Partition {
  const { numClients, alpha, minSize = 0, maxRetries = 10, seed } = config;
  checkInt(WHERE, 'numClients', numClients, 1);
  checkInt(WHERE, 'minSize', minSize, 0);
  checkInt(WHERE, 'maxRetries', maxRetries, 0);
  checkInt(WHERE, 'seed', seed, 0);
  if (!(Number.isFinite(alpha) && alpha > 0)) {
    throw new InputError(`${WHERE}: bad alpha (got ${alpha}, expected a finite number > 0)`);
  }
  const byClass = groupByClass(WHERE, labels);
  if (numClients * minSize > labels.length) {
    throw new InputError(
      `${WHERE}: not enough samples for minSize (got ${labels.length}, expected at least ${numClients * minSize} = ${numClients} clients × minSize ${minSize})`,
    );
  }
  const rng = makeRng(seed, 'partition', 'dirichlet');
  let parts: number[][] = [];
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    parts = drawOnce(byClass, numClients, alpha, rng.fork('attempt', attempt));
    if (parts.every((p) => p.length >= minSize)) return sortClients(parts);
  }
  return sortClients(rebalance(parts, minSize));
}

function drawOnce(byClass: ReadonlyMap<number, readonly number[]>, k: number, alpha: number, rng: Rng): number[][] {
  const parts: number[][] = Array.from({ length: k }, () => []);
  const alphas = new Array<number>(k).fill(alpha);
  for (const [c, indices] of byClass) {
    const p = sampleDirichlet(rng.fork('proportions', c), alphas);
    const pool = shuffled(rng.fork('shuffle', c), indices);
    let cum = 0;
    let start = 0;
    for (let j = 0; j < k; j++) {
      cum += p[j];
      const end = j === k - 1 ? pool.length : Math.min(pool.length, Math.round(cum * pool.length));
      for (let i = start; i < end; i++) parts[j].push(pool[i]);
      start = Math.max(start, end);
    }
  }
  return parts;
}

/** Move samples from the largest to the smallest client until every client has >= minSize. */
function rebalance(parts: number[][], minSize: number): number[][] {
  for (;;) {
    let small = 0;
    let large = 0;
    for (let j = 1; j < parts.length; j++) {
      if (parts[j].length < parts[small].length) small = j;
      if (parts[j].length > parts[large].length) large = j;
    }
    if (parts[small].length >= minSize) return parts;
    const moved = parts[large].pop();
    if (moved === undefined) throw new Error(`${WHERE}: rebalancing found an empty largest client (internal error)`);
    parts[small].push(moved);
  }
}
