/** The models folder's entry point: `makeModel(cfg)` plus the model factories. */
import { InputError } from '../../errors.js';
import type { Model, ModelConfig } from '../types.js';
import { convNet } from './convNet.js';
import { fedAvgCnn } from './fedAvgCnn.js';
import { lenetDlg } from './lenetDlg.js';
import { logReg } from './logReg.js';
import { mlp3 } from './mlp3.js';

function assertNever(x: never): never {
  const kind = (x as { kind?: unknown }).kind;
  throw new InputError(`makeModel: unknown model kind (got ${JSON.stringify(kind)}, expected one of lenetDlg, convNet, mlp3, logReg, fedAvgCnn)`);
}

/**
 * Build the model a config names (exhaustive over `ModelConfig['kind']`).
 * @param cfg - e.g. `{ kind: 'convNet', width: 64 }`; unset options take each model's defaults.
 */
export function makeModel(cfg: ModelConfig): Model {
  switch (cfg.kind) {
    case 'lenetDlg': return lenetDlg(cfg);
    case 'convNet': return convNet(cfg);
    case 'mlp3': return mlp3(cfg);
    case 'logReg': return logReg(cfg);
    case 'fedAvgCnn': return fedAvgCnn(cfg);
    default: return assertNever(cfg);
  }
}

export { convNet, fedAvgCnn, lenetDlg, logReg, mlp3 };
export { trainableParamNames } from './trainableParamNames.js';
export { fcWeightFromTorch, convWeightFromTorch } from './torchImport.js';
