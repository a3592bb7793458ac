/**
 * `soteria-lab train --preset P | --config FILE [--rounds N] [--out DIR] [--resume]
 * [--defense D] [--data-dir DIR] [--workers N]`: checkpointed federated training (FedAvg with the defense
 * inside local training). Writes `<out>/rounds.jsonl`, `<out>/checkpoint.json` (atomic, every
 * round) and `<out>/result.json`; `--resume` continues a killed run bit-for-bit.
 */
import type { Command } from 'commander';
import type { TrainResult } from '../../experiments/runTrain.js';
import type { RoundRecord } from '../../sim/fl/types.js';
import type { CommandContext, MakeContext } from '../context.js';
import { intParser } from '../parsers.js';
import { makeProgress, type ProgressView } from '../progress.js';

/** Options of `train` after parsing. */
interface TrainCliOptions {
  readonly preset?: string;
  readonly config?: string;
  readonly rounds?: number;
  readonly out?: string;
  readonly resume: boolean;
  readonly defense?: string;
  readonly dataDir?: string;
  readonly workers: number;
}

const DEFENSE_HELP = 'defense inside local training: none | soteria:P | gc:P | dp-gaussian:STD | dp-laplace:SCALE (P in %, Laplace scale b has variance 2b²) or a JSON DefenseConfig';

/**
 * Registers `train` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerTrain(program: Command, makeCtx: MakeContext): void {
  program
    .command('train')
    .description('federated training of a model from a preset or config file (checkpointed every round; --resume continues)')
    .option('--preset <name>', 'named preset: quick | mnist-fedavgcnn-noniid | mnist-logreg-thm2 | fmnist-fedavgcnn-noniid | cifar10-lenet-noniid | cifar10-convnet-noniid')
    .option('--config <file>', 'JSON config file (validated; unknown keys are errors)')
    .option('--rounds <n>', 'number of FL rounds (overrides fl.rounds)', intParser('--rounds', 0))
    .option('--out <dir>', 'run directory (default: runs/<preset or config name>-seed<seed>)')
    .option('--resume', 'continue the run in --out from its checkpoint', false)
    .option('--defense <spec>', DEFENSE_HELP)
    .option('--data-dir <dir>', 'dataset directory (overrides data.dataDir; required for CIFAR-10)')
    .option('--workers <n>', "worker threads training each round's devices, each with its own tfjs (0 or 1 = this thread; results are identical)", intParser('--workers', 0, 64), 2)
    .action(async (opts: TrainCliOptions, command: Command) => {
      const ctx = makeCtx(command);
      const seedGiven = command.getOptionValueSourceWithGlobals('seed') === 'cli';
      const result = await train(opts, ctx, seedGiven);
      ctx.emit(result, formatTrainSummary(result));
    });
}

async function train(opts: TrainCliOptions, ctx: CommandContext, seedGiven: boolean): Promise<TrainResult> {
  // Loaded lazily: they pull in TensorFlow.js, which `--help` and the other commands don't need.
  const { resolveTrainConfig } = await import('../../experiments/resolveTrainConfig.js');
  const { parseDefenseOption } = await import('../../experiments/defenseShorthand.js');
  const { runTrain } = await import('../../experiments/runTrain.js');
  const overrides = {
    rounds: opts.rounds,
    seed: seedGiven ? ctx.seed : undefined,
    defense: opts.defense === undefined ? undefined : parseDefenseOption(opts.defense),
    dataDir: opts.dataDir,
  };
  const { config, name } = resolveTrainConfig({ preset: opts.preset, configFile: opts.config, overrides });
  const outDir = opts.out ?? `runs/${name}-seed${config.seed}`;
  const controller = new AbortController();
  const onSigint = (): void => {
    ctx.log('train: interrupted; stopping after the current round (press Ctrl-C again to kill)');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const progress = await makeProgress(ctx, roundProgress(config.fl.rounds));
  try {
    const result = await runTrain({ config, outDir, resume: opts.resume, backend: ctx.backend, argv: ctx.argv, log: ctx.log, onRound: progress.update, signal: controller.signal, workers: opts.workers });
    if (result.interrupted) {
      const again = `${result.provenance.command}${opts.resume ? '' : ' --resume'}${opts.out === undefined ? ` --out ${outDir}` : ''}`;
      throw new Error(`train: interrupted after round ${result.rounds} of ${config.fl.rounds}; the checkpoint is saved, continue with: ${again}`);
    }
    return result;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
}

/** How a round shows: a bar on a terminal, otherwise one log line per round. */
function roundProgress(total: number): ProgressView<RoundRecord> {
  return {
    format: 'train [{bar}] {value}/{total} rounds | acc {acc} | {sec} s/round | eta {eta_formatted}',
    line: (r) => `round ${r.round}/${total}: accuracy ${r.accuracy === null ? '-' : r.accuracy.toFixed(4)}, loss ${r.loss === null ? '-' : r.loss.toFixed(4)}, train loss ${r.trainLoss.toFixed(4)}, ${(r.ms / 1000).toFixed(1)} s`,
    position: (r) => ({ value: r.round, total }),
    payload: (r) => ({ acc: r.accuracy === null ? '-' : r.accuracy.toFixed(4), sec: (r.ms / 1000).toFixed(1) }),
  };
}

/**
 * Human summary of a train result.
 * @param r - the result.
 * @returns multi-line text.
 */
export function formatTrainSummary(r: TrainResult): string {
  return [
    `soteria-lab train: ${r.rounds} rounds${r.resumedFrom !== undefined ? ` (resumed from round ${r.resumedFrom})` : ''}, test accuracy ${r.accuracy.toFixed(4)}, loss ${r.loss.toFixed(4)}`,
    `  defense: ${r.defense.description}`,
    `  ${(r.msPerRound / 1000).toFixed(2)} s/round on ${r.backend.name}, total ${(r.ms / 1000).toFixed(1)} s`,
    `  paramsDigest ${r.paramsDigest}`,
    `  run directory ${r.outDir} (rounds.jsonl, checkpoint.json, result.json)`,
    `reproduce: ${r.provenance.command}`,
  ].join('\n');
}
