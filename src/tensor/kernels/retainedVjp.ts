/**
 * One forward pass, many backward passes: PyTorch's `y.backward(v, retain_graph=True)` loop,
 * which tfjs has no public API for (`tf.grad` re-runs the forward pass every time). The forward
 * runs once under the engine's gradient tape; each `vjp(dy)` then backpropagates `dy` through
 * the recorded tape, exactly as `tf.grad` does (tfjs-core 4.22 `engine.gradients` and
 * `tape.ts`, re-implemented here because tfjs does not export them), and the saved tensors
 * are released by `dispose`. Soteria's official code computes its per-feature Jacobian rows this
 * way (Soteria, arXiv 2012.06043, `Defend_DLG.ipynb`).
 *
 * Only at gradient depth 0 (no enclosing tape): the backward passes are first order. While it
 * is alive, kernels may cache tensors derived from their weights (`filterCache.ts`).
 */
import { tf } from '../tf.js';
import { closeFilterCache, openFilterCache } from './filterCache.js';

interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
  saved?: tf.Tensor[];
}

interface EngineInternals {
  state: { gradientDepth: number; activeTape: TapeNode[] | null };
  startTape(): void;
  endTape(): void;
}

/** A recorded forward pass whose vector-Jacobian products can be taken repeatedly. */
export interface RetainedVjp {
  /** f(x). Owned by the RetainedVjp (disposed by `dispose`). */
  readonly y: tf.Tensor;
  /** dyᵀ·∂f/∂x, shape of x. Caller owns returned tensors. */
  vjp(dy: tf.Tensor): tf.Tensor;
  /** Release the forward pass (its output and the tensors saved for backward passes). */
  dispose(): void;
}

/** Tape nodes on a path from x to y, with inputs not depending on x pruned (tfjs `getFilteredNodesXToY`). */
function nodesXToY(tape: TapeNode[], x: tf.Tensor, y: tf.Tensor): TapeNode[] {
  const fromX = new Set<number>([x.id]);
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    if (Object.values(node.inputs).some((t) => fromX.has(t.id))) {
      node.outputs.forEach((o) => fromX.add(o.id));
      nodesFromX.add(node.id);
    }
  }
  const toY = new Set<number>([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    if (node.outputs.some((o) => toY.has(o.id))) {
      Object.values(node.inputs).forEach((t) => toY.add(t.id));
      nodesToY.add(node.id);
    }
  }
  return tape
    .filter((n) => nodesFromX.has(n.id) && nodesToY.has(n.id))
    .map((n) => ({ ...n, inputs: Object.fromEntries(Object.entries(n.inputs).filter(([, t]) => fromX.has(t.id))) }));
}

/** Backpropagate dy (tfjs `backpropagateGradients`); returns the gradient of x. */
function backprop(nodes: TapeNode[], x: tf.Tensor, y: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const acc = new Map<number, tf.Tensor>([[y.id, dy]]);
    for (let i = nodes.length - 1; i >= 0; i--) {
      const node = nodes[i];
      if (node.gradient === undefined) throw new Error(`retainedVjp: no gradient function for ${node.kernelName}`);
      const grads = node.gradient(node.outputs.map((o) => acc.get(o.id) ?? null));
      for (const [name, input] of Object.entries(node.inputs)) {
        const dx = tf.tidy(() => grads[name]());
        const prev = acc.get(input.id);
        acc.set(input.id, prev === undefined ? dx : tf.add(prev, dx));
      }
    }
    const gx = acc.get(x.id);
    if (gx === undefined) return tf.zeros(x.shape, x.dtype);
    return gx === dy ? tf.clone(gx) : gx; // f = identity: never hand the caller its own dy back
  });
}

/**
 * Run f(x) once under a gradient tape and keep it for repeated vector-Jacobian products.
 * @returns undefined under an enclosing gradient tape (use `tf.grad` there). Caller must call `dispose`.
 */
export function retainedVjp(f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor): RetainedVjp | undefined {
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.state.gradientDepth !== 0) return undefined;
  const takeTape = (): TapeNode[] => {
    engine.endTape();
    const recorded = engine.state.activeTape ?? [];
    engine.state.activeTape = null;
    return recorded;
  };
  const release = (recorded: TapeNode[]): void => {
    for (const node of recorded) for (const t of node.saved ?? []) t.dispose();
  };
  let y: tf.Tensor;
  engine.startTape();
  try {
    y = tf.tidy(() => f(x));
  } catch (error) {
    release(takeTape());
    throw error;
  }
  const tape = takeTape();
  const nodes = nodesXToY(tape, x, y);
  const yy = y;
  let open = true;
  openFilterCache();
  return {
    y: yy,
    vjp: (dy) => {
      if (!open) throw new Error('retainedVjp: vjp after dispose');
      if (dy.shape.join(',') !== yy.shape.join(',') || dy.dtype !== yy.dtype) {
        throw new Error(`retainedVjp: dy must match f(x) (got ${dy.dtype} [${dy.shape.join(', ')}], expected ${yy.dtype} [${yy.shape.join(', ')}])`);
      }
      return backprop(nodes, x, yy, dy);
    },
    dispose: () => {
      if (!open) return;
      open = false;
      release(tape);
      yy.dispose();
      closeFilterCache();
    },
  };
}
