import { tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Model, ModelOutput } from '../types.js';
import { initParams } from './initParams.js';
import type { SequentialLayer } from './sequentialLayers.js';

/** Everything a model file supplies; `defineModel` adds init, validation and tidying. */
export interface ModelDefinition extends Omit<Model, 'init' | 'apply'> {
  /** The forward pass; runs inside `tf.tidy` after the inputs were validated. */
  forward(params: ParamMap, x: tf.Tensor4D): ModelOutput;
  /**
   * The layer sequence, when the model is sequential and `forward` is
   * `sequentialForward(layers)`; copied onto the model (see `sequentialLayersOf`).
   */
  readonly layers?: readonly SequentialLayer[];
}

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;

function checkDefinition(def: ModelDefinition): void {
  const w = def.params.find((p) => p.name === `${def.representationLayer}.weight`);
  if (w === undefined || w.shape.length !== 2 || w.shape[0] !== def.representationSize) {
    throw new Error(`${def.name}: representation layer '${def.representationLayer}' must be a dense layer with ${def.representationSize} inputs (got ${w === undefined ? 'no such weight' : shapeStr(w.shape)})`);
  }
  const names = new Set(def.params.map((p) => p.name));
  if (names.size !== def.params.length) throw new Error(`${def.name}: duplicate parameter names`);
}

function checkApplyInputs(def: ModelDefinition, params: ParamMap, x: tf.Tensor4D): void {
  const [h, w, c] = def.inputShape;
  if (x.rank !== 4 || x.shape[0] < 1 || x.shape[1] !== h || x.shape[2] !== w || x.shape[3] !== c) {
    throw new Error(`${def.name}.apply: input shape (got ${shapeStr(x.shape)}, expected [batch, ${h}, ${w}, ${c}])`);
  }
  for (const spec of def.params) {
    const t = params[spec.name];
    if (t === undefined) throw new Error(`${def.name}.apply: missing parameter '${spec.name}' (got [${Object.keys(params).sort().join(', ')}])`);
    if (shapeStr(t.shape) !== shapeStr(spec.shape)) {
      throw new Error(`${def.name}.apply: shape of '${spec.name}' (got ${shapeStr(t.shape)}, expected ${shapeStr(spec.shape)})`);
    }
  }
}

/**
 * Build a `Model` from its definition: `init` draws the specs (see `initParams`), `apply`
 * validates x and params, then runs `forward` inside `tf.tidy`. Extra entries in `params` are
 * ignored.
 */
export function defineModel(def: ModelDefinition): Model {
  checkDefinition(def);
  const params = Object.freeze(def.params.map((p) => Object.freeze({ ...p, shape: Object.freeze([...p.shape]) })));
  const inputShape = Object.freeze([...def.inputShape]) as unknown as readonly [number, number, number];
  return Object.freeze({
    name: def.name,
    inputShape,
    numClasses: def.numClasses,
    params,
    representationLayer: def.representationLayer,
    representationSize: def.representationSize,
    ...(def.layers !== undefined ? { layers: Object.freeze(def.layers.map((l) => Object.freeze({ ...l }))) } : {}),
    init: (seed: number): ParamMap => initParams(def.name, params, seed),
    apply: (p: ParamMap, x: tf.Tensor4D): ModelOutput => {
      checkApplyInputs(def, p, x);
      return tf.tidy(() => def.forward(p, x) as unknown as tf.TensorContainer) as unknown as ModelOutput;
    },
  });
}
