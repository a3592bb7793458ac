/**
 * Parameter specs of the layer types the models use, with PyTorch's default initialisation
 * (`reset_parameters`): kaiming_uniform(a = √5) for weights, which is U(−1/√fan_in, 1/√fan_in),
 * and the same bound for biases; BatchNorm gamma 1, beta 0, running mean 0, running var 1.
 */
import type { ParamInit, ParamSpec } from '../types.js';

/** PyTorch's default Conv2d/Linear init bound 1/√fan_in as a uniform init. */
export function torchDefaultInit(fanIn: number): ParamInit {
  const bound = 1 / Math.sqrt(fanIn);
  return { kind: 'uniform', low: -bound, high: bound };
}

/**
 * `name.weight` [k, k, cin, cout] and `name.bias` [cout].
 * @param init - weight and bias init. @default PyTorch's (fan_in = cin·k·k)
 */
export function convSpecs(name: string, k: number, cin: number, cout: number, init: ParamInit = torchDefaultInit(cin * k * k)): ParamSpec[] {
  return [
    { name: `${name}.weight`, shape: [k, k, cin, cout], init, trainable: true },
    { name: `${name}.bias`, shape: [cout], init, trainable: true },
  ];
}

/**
 * `name.weight` [nin, nout] and `name.bias` [nout].
 * @param init - weight and bias init. @default PyTorch's (fan_in = nin)
 */
export function denseSpecs(name: string, nin: number, nout: number, init: ParamInit = torchDefaultInit(nin)): ParamSpec[] {
  return [
    { name: `${name}.weight`, shape: [nin, nout], init, trainable: true },
    { name: `${name}.bias`, shape: [nout], init, trainable: true },
  ];
}

/** BatchNorm2d: trainable `weight`/`bias`, non-trainable `running_mean`/`running_var`. */
export function bnSpecs(name: string, channels: number): ParamSpec[] {
  const c = (value: number): ParamInit => ({ kind: 'constant', value });
  return [
    { name: `${name}.weight`, shape: [channels], init: c(1), trainable: true },
    { name: `${name}.bias`, shape: [channels], init: c(0), trainable: true },
    { name: `${name}.running_mean`, shape: [channels], init: c(0), trainable: false },
    { name: `${name}.running_var`, shape: [channels], init: c(1), trainable: false },
  ];
}
