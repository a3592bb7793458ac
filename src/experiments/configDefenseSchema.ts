/**
 * zod schema of `DefenseConfig` (src/sim/defenses/types.ts): strict objects discriminated by
 * `kind`; `compose` nests defenses. Percentages lie in [0, 100].
 */
import { z } from 'zod';
import type { DefenseConfig } from '../sim/defenses/types.js';

const percent = z.number().min(0).max(100);
const positive = z.number().positive();

const noneSchema = z.strictObject({ kind: z.literal('none') });
const soteriaSchema = z.strictObject({
  kind: z.literal('soteria'),
  percent,
  score: z.enum(['notebook', 'gsScript', 'pinv']).optional(),
  rule: z.enum(['official', 'exact']).optional(),
  granularity: z.enum(['batch', 'sample']).optional(),
  layer: z.string().min(1).optional(),
});
const pruningSchema = z.strictObject({ kind: z.literal('gradientPruning'), percent });
const dpSchema = z.strictObject({
  kind: z.literal('dpNoise'),
  noise: z.discriminatedUnion('distribution', [
    z.strictObject({ distribution: z.literal('gaussian'), std: z.number().min(0) }),
    z.strictObject({ distribution: z.literal('laplace'), scale: z.number().min(0) }),
  ]),
  clip: z.strictObject({ norm: positive, mode: z.enum(['perSample', 'perUpdate']) }).optional(),
});

/** Any defense config, validated (recursive through `compose`). */
export const defenseConfigSchema: z.ZodType<DefenseConfig> = z.discriminatedUnion('kind', [
  noneSchema,
  soteriaSchema,
  pruningSchema,
  dpSchema,
  z.strictObject({ kind: z.literal('compose'), defenses: z.array(z.lazy(() => defenseConfigSchema)) }),
]);
