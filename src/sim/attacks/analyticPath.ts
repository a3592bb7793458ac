/**
 * Which path the DLG and GS closures take: the hand-derived double backprop
 * (sequentialDoubleBackprop.ts) when the model declares its layers, else the gradient-tape
 * reference path (dlgObjective.ts, gsObjective.ts). `setAnalyticAttackPath(false)` forces the
 * reference path everywhere (tests and benchmarks compare the two).
 */
import type { Model } from '../types.js';
import { sequentialLayersOf } from '../models/sequentialLayers.js';
import type { SequentialLayer } from '../models/sequentialLayers.js';

let enabled = true;

/**
 * Switch the analytic path on or off (on by default); closures made afterwards follow it.
 * @returns the previous setting.
 */
export function setAnalyticAttackPath(on: boolean): boolean {
  const previous = enabled;
  enabled = on;
  return previous;
}

/** The layers the analytic path runs on for `model`, or undefined when the closures must take the tape path. */
export function analyticLayers(model: Model): readonly SequentialLayer[] | undefined {
  return enabled ? sequentialLayersOf(model) : undefined;
}
