/**
 * Minimum-cost one-to-one assignment (Kuhn 1955, Munkres 1957), in the shortest-augmenting-path
 * form with row/column potentials (Jonker & Volgenant 1987): O(n²·m) for n rows ≤ m columns.
 * Symbols: u (row potentials), v (column potentials), p[j] (row matched to column j, 1-based,
 * 0 = free), way[j] (previous column on the augmenting path), minv[j] (reduced slack).
 */

function validateCost(cost: readonly (readonly number[])[]): number {
  const m = cost.length === 0 ? 0 : cost[0].length;
  cost.forEach((row, i) => {
    if (row.length !== m) {
      throw new RangeError(`hungarian: ragged cost matrix (got row ${i} of length ${row.length}, expected ${m})`);
    }
    row.forEach((x, j) => {
      if (!Number.isFinite(x)) throw new RangeError(`hungarian: cost[${i}][${j}] is not finite (got ${x}, expected a finite number)`);
    });
  });
  if (cost.length > m) {
    throw new RangeError(`hungarian: more rows than columns (got ${cost.length}x${m}, expected n ≤ m)`);
  }
  return m;
}

/** Grow the matching by row i (1-based) along a shortest augmenting path; updates u, v, p in place. */
function augment(cost: readonly (readonly number[])[], i: number, u: Float64Array, v: Float64Array, p: Int32Array): void {
  const m = v.length - 1;
  const minv = new Float64Array(m + 1).fill(Infinity);
  const used = new Uint8Array(m + 1);
  const way = new Int32Array(m + 1);
  p[0] = i;
  let j0 = 0;
  do {
    used[j0] = 1;
    const i0 = p[j0];
    let delta = Infinity;
    let j1 = 0;
    for (let j = 1; j <= m; j++) {
      if (used[j]) continue;
      const cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
      if (cur < minv[j]) [minv[j], way[j]] = [cur, j0];
      if (minv[j] < delta) [delta, j1] = [minv[j], j];
    }
    for (let j = 0; j <= m; j++) {
      if (used[j]) [u[p[j]], v[j]] = [u[p[j]] + delta, v[j] - delta];
      else minv[j] -= delta;
    }
    j0 = j1;
  } while (p[j0] !== 0);
  do {
    const j1 = way[j0];
    p[j0] = p[j1];
    j0 = j1;
  } while (j0 !== 0);
}

/**
 * Minimum-cost assignment of each row to a distinct column, for an n×m cost matrix, n ≤ m.
 * Kuhn–Munkres / Jonker–Volgenant, O(n²·m), exact for any finite real costs.
 * @param cost - n rows of m finite costs (n ≤ m); an empty matrix gives [].
 * @returns `assignment` with assignment[i] = column of row i (distinct columns), minimising
 *   Σ_i cost[i][assignment[i]].
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const m = validateCost(cost);
  const n = cost.length;
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) augment(cost, i, u, v, p);
  const assignment = new Array<number>(n).fill(-1);
  for (let j = 1; j <= m; j++) if (p[j] !== 0) assignment[p[j] - 1] = j - 1;
  return assignment;
}
