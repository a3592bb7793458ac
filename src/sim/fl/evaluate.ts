/**
 * Test accuracy and mean cross entropy of a (global) model, in batches (Soteria arXiv
 * 2012.06043 §6.1: utility = accuracy of the global model on the test set).
 */
import { tf, toScalar } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import { hardCrossEntropy } from '../../tensor/losses.js';
import { toBatch } from '../data/batch.js';
import type { Dataset } from '../data/types.js';
import type { Model } from '../types.js';

/** Result of `evaluate`. Plain data. */
export interface EvaluationResult {
  /** Share of samples whose arg-max logit is the label. */
  readonly accuracy: number;
  /** Mean cross entropy over the samples (no regulariser). */
  readonly loss: number;
  /** Number of samples evaluated. */
  readonly n: number;
}

/**
 * Evaluate `params` on every sample of `testSet`.
 * @param model - the model.
 * @param params - its parameters (not disposed).
 * @param testSet - the samples.
 * @param options - batchSize: samples per forward pass. @default 500
 * @returns accuracy, mean CE and count.
 */
export function evaluate(model: Model, params: ParamMap, testSet: Dataset, options: { readonly batchSize?: number } = {}): EvaluationResult {
  const batchSize = options.batchSize ?? 500;
  if (!(Number.isSafeInteger(batchSize) && batchSize >= 1)) throw new RangeError(`evaluate: batchSize must be an integer >= 1 (got ${batchSize})`);
  const n = testSet.labels.length;
  if (n === 0) throw new RangeError(`evaluate: the test set ${testSet.name} is empty`);
  let correct = 0;
  let lossSum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => start + i);
    const { x, y } = toBatch(testSet, idx);
    const [c, l] = tf.tidy(() => {
      const logits = model.apply(params, x).logits;
      const hits = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), y), 'float32'));
      return [hits, tf.mul(hardCrossEntropy(logits, y), idx.length)];
    });
    correct += toScalar(c);
    lossSum += toScalar(l);
    tf.dispose([x, y, c, l]);
  }
  return { accuracy: correct / n, loss: lossSum / n, n };
}
