/**
 * Every `soteria-lab bench` workload, in report order, and `--only` selection.
 */
import { InputError } from '../errors.js';
import { dlgClosureLenet, gsClosureLenet } from './attackWorkloads.js';
import { flRoundMnist, flRoundMnistWorkers } from './flRoundWorkload.js';
import { theoryLemma1 } from './lemma1Workload.js';
import { soteriaMaskBatched, soteriaMaskLoop } from './soteriaMaskWorkloads.js';
import { trainFedAvgCnn, trainLenet, trainTinyCnn } from './trainWorkloads.js';
import type { BenchWorkload } from './types.js';

/** All workloads, in report order. */
export const WORKLOADS: readonly BenchWorkload[] = [
  dlgClosureLenet, gsClosureLenet, trainLenet, trainTinyCnn, trainFedAvgCnn,
  soteriaMaskBatched, soteriaMaskLoop, flRoundMnist, flRoundMnistWorkers, theoryLemma1,
];

/** Names that select several workloads. */
export const WORKLOAD_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'soteria-mask-lenet': ['soteria-mask-lenet-batched', 'soteria-mask-lenet-loop'],
};

/** Every name `--only` accepts. */
export function acceptedNames(): string[] {
  return [...WORKLOADS.map((w) => w.name), ...Object.keys(WORKLOAD_GROUPS)];
}

/**
 * The workloads a comma list names (report order, no repeats); undefined selects all.
 * @throws InputError naming the accepted names when a name is unknown or the list is empty.
 */
export function selectWorkloads(only: string | undefined): BenchWorkload[] {
  if (only === undefined) return [...WORKLOADS];
  const names = only.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const wanted = new Set<string>();
  for (const n of names) {
    const group = WORKLOAD_GROUPS[n];
    if (group !== undefined) group.forEach((g) => wanted.add(g));
    else if (WORKLOADS.some((w) => w.name === n)) wanted.add(n);
    else throw new InputError(`--only: unknown workload (got '${n}', expected a comma list of ${acceptedNames().join(', ')})`);
  }
  if (wanted.size === 0) throw new InputError(`--only: no workload named (got '${only}', expected a comma list of ${acceptedNames().join(', ')})`);
  return WORKLOADS.filter((w) => wanted.has(w.name));
}
