/**
 * Config of the Table 1 experiment (Soteria arXiv 2012.06043 §3.2, Table 1): FedAvg training of
 * a model whose last three layers are FC, with representation inference run on selected clients'
 * updates at chosen rounds. Defaults are the paper's (100 devices, 10 per round, non-IID 2 classes
 * × 20 samples, E 1, B 32, SGD lr 0.01); the paper trains 200 rounds on CIFAR-10.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { dataConfigSchema } from './configSchema.js';
import { parseConfig } from './configIssue.js';

const int = (min: number): z.ZodNumber => z.number().int().min(min);

/** zod schema of the Table 1 config (strict; defaults filled). */
export const table1ConfigSchema = z.strictObject({
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  data: dataConfigSchema,
  /** mlp3 (flatten → fc1 → act → fc2 → act → fc3). @default { hidden: [256, 128], activation: 'relu' } */
  model: z.strictObject({
    hidden: z.tuple([int(1), int(1)]).default([256, 128]),
    activation: z.enum(['relu', 'sigmoid']).default('relu'),
  }).default({ hidden: [256, 128], activation: 'relu' }),
  /** 'noniid': classesPerClient random classes × samplesPerClass; 'iid': the same count, uniformly. */
  split: z.enum(['noniid', 'iid']).default('noniid'),
  numClients: int(1).default(100),
  clientsPerRound: int(1).default(10),
  classesPerClient: int(1).default(2),
  samplesPerClass: int(1).default(20),
  rounds: int(1),
  /** E. */
  localEpochs: int(1).default(1),
  /** B, or 'full' (one batch of the whole device). */
  batchSize: z.union([int(1), z.literal('full')]).default(32),
  /** Constant SGD step size. */
  lr: z.number().positive().default(0.01),
  /** 1-based rounds whose selected clients are attacked (from the round's start model). @default [rounds] */
  analyseRounds: z.array(int(1)).min(1).optional(),
  inference: z.strictObject({
    classes: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('largestGap'), minRatio: z.number().gt(1).optional() }),
      z.strictObject({ kind: z.literal('topK'), k: int(1) }),
    ]).default({ kind: 'largestGap', minRatio: 2 }),
    topUnits: int(1).default(1),
  }).default({ classes: { kind: 'largestGap', minRatio: 2 }, topUnits: 1 }),
});

/** A Table 1 config as written. */
export type Table1ConfigInput = z.input<typeof table1ConfigSchema>;
/** A validated Table 1 config, defaults filled and `analyseRounds` resolved. */
export type Table1Config = z.output<typeof table1ConfigSchema> & { readonly analyseRounds: readonly number[] };

/**
 * Validate a Table 1 config and fill its defaults.
 * @throws InputError naming the first bad field (one line).
 */
export function resolveTable1Config(input: unknown): Table1Config {
  const c = parseConfig(table1ConfigSchema, input, 'table1');
  const analyseRounds = [...new Set(c.analyseRounds ?? [c.rounds])].sort((a, b) => a - b);
  const late = analyseRounds.find((r) => r > c.rounds);
  if (late !== undefined) throw new InputError(`table1: analyseRounds: round ${late} is after the last (got ${late}, expected ≤ rounds = ${c.rounds})`);
  if (c.clientsPerRound > c.numClients) {
    throw new InputError(`table1: clientsPerRound (got ${c.clientsPerRound}, expected ≤ numClients = ${c.numClients})`);
  }
  return { ...c, analyseRounds };
}
