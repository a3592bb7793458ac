/**
 * The one place that imports TensorFlow.js. Every other layer reaches tfjs through
 * `import { tf } from '../tensor/index.js'` so that the backend seam and the second-order
 * gradient patches (patches.ts) cannot be bypassed.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

// PROD silences tfjs's "install tfjs-node" banner and its override warnings, which would
// otherwise pollute stderr of every command (stdout stays clean for --json either way).
tf.env().set('PROD', true);

export { tf };
