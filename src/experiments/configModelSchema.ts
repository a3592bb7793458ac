/**
 * zod schema of `ModelConfig` (src/sim/types.ts): strict objects, discriminated by `kind`,
 * every option optional with the model's documented default.
 */
import { z } from 'zod';
import type { ModelConfig } from '../sim/types.js';

const int = (min: number): z.ZodNumber => z.number().int().min(min);
const inputShape = z.tuple([int(1), int(1), int(1)]).optional();
const common = { inputShape, numClasses: int(2).optional() };

/** Any model config, validated. */
export const modelConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lenetDlg'), ...common }),
  z.strictObject({ kind: z.literal('convNet'), ...common, width: int(1).optional() }),
  z.strictObject({
    kind: z.literal('mlp3'),
    ...common,
    hidden: z.tuple([int(1), int(1)]).optional(),
    activation: z.enum(['relu', 'sigmoid']).optional(),
    representationLayer: z.enum(['fc1', 'fc2', 'fc3']).optional(),
  }),
  z.strictObject({ kind: z.literal('logReg'), ...common, init: z.enum(['zeros', 'uniform']).optional() }),
  z.strictObject({ kind: z.literal('fedAvgCnn'), ...common, representationLayer: z.enum(['fc1', 'fc2']).optional() }),
]) satisfies z.ZodType<ModelConfig>;
