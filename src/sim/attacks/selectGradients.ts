import { InputError } from '../../errors.js';
import { trainableParamNames } from '../models/trainableParamNames.js';
import type { Model } from '../types.js';
import type { GradientSelection } from './types.js';

/**
 * The parameter names a {@link GradientSelection} matches, in the model's forward order
 * (Soteria Fig. 3 WG/CLG; Balunović et al. 2022 adaptive attack).
 * @throws InputError when the selection is empty or names an unknown/untrainable parameter.
 */
export function selectGradients(model: Model, selection: GradientSelection): string[] {
  const all = trainableParamNames(model);
  let names: string[];
  if (selection === 'all') names = all;
  else if (selection === 'conv') names = all.filter((n) => n.startsWith('conv'));
  else if (selection === 'allButDefended') names = all.filter((n) => !n.startsWith(`${model.representationLayer}.`));
  else if (typeof selection === 'object' && selection !== null && Array.isArray(selection.names)) {
    const unknown = selection.names.filter((n) => !all.includes(n));
    if (unknown.length > 0) {
      throw new InputError(`selectGradients: unknown parameter(s) (got ${unknown.join(', ')}, expected some of ${all.join(', ')})`);
    }
    names = all.filter((n) => selection.names.includes(n));
  } else {
    throw new InputError(`selectGradients: unknown selection (got ${JSON.stringify(selection)}, expected 'all', 'conv', 'allButDefended' or {names})`);
  }
  if (names.length === 0) {
    throw new InputError(`selectGradients: selection ${JSON.stringify(selection)} matches no parameter of ${model.name} (expected ≥ 1 of ${all.join(', ')})`);
  }
  return names;
}
