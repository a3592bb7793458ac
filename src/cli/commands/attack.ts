/**
 * `soteria-lab attack --preset P | --config FILE [--attack dlg|gs|idlg|repinfer] [--defense SPEC]
 * [--param X] [--image INDEX] [--steps N] [--selection all|conv|allButDefended] [--out DIR]
 * [--data-dir DIR]`: one gradient-inversion attack on one image against a (defended) shared
 * update. Writes `<out>/reconstruction.png`, `<out>/truth.png`, `<out>/best.png` and
 * `<out>/result.json`. `--defense soteria:40` fixes the defense; `--defense soteria --param 40`
 * is the same; `--param 40` alone sets the strength of the config's own defense (see
 * `defenseWithParam`). GS reports progress only at the end (runGsCase has no iteration hook).
 */
import { Option, type Command } from 'commander';
import type { AttackProgress } from '../../experiments/attackRunTypes.js';
import type { AttackOutput } from '../../experiments/writeAttackOutputs.js';
import type { CommandContext, MakeContext } from '../context.js';
import { intParser, numberParser } from '../parsers.js';
import { makeProgress, type ProgressView } from '../progress.js';

/** Attacks selectable with `--attack`. */
export const ATTACK_CHOICES = ['dlg', 'gs', 'idlg', 'repinfer'] as const;

/** Options of `attack` after parsing. */
interface AttackCliOptions {
  readonly preset?: string;
  readonly config?: string;
  readonly attack?: string;
  readonly defense?: string;
  readonly param?: number;
  readonly image?: number;
  readonly steps?: number;
  readonly selection?: string;
  readonly out?: string;
  readonly dataDir?: string;
}

const PRESET_HELP = 'named preset: dlg-mnist-lenet | dlg-synthetic-lenet | idlg-mnist-lenet | gs-mnist-convnet | gs-cifar10-convnet | gs-cifar10-convnet-code';
const DEFENSE_HELP = 'client defense: none | soteria:P | gc:P | dp-gaussian:STD | dp-laplace:SCALE, a bare kind with --param, or a JSON DefenseConfig';
const PARAM_HELP = 'defense strength (percent for soteria/gc, std for dp-gaussian, scale for dp-laplace): with a bare --defense kind, or alone to set the config\'s own defense';

/**
 * Registers `attack` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerAttack(program: Command, makeCtx: MakeContext): void {
  program
    .command('attack')
    .description('run a gradient-inversion attack on one image against a (defended) shared update; writes PNGs and result.json')
    .option('--preset <name>', PRESET_HELP)
    .option('--config <file>', 'JSON config file (validated; unknown keys are errors)')
    .addOption(new Option('--attack <kind>', 'attack to run (overrides the config)').choices(ATTACK_CHOICES))
    .option('--defense <spec>', DEFENSE_HELP)
    .option('--param <x>', PARAM_HELP, numberParser('--param'))
    .option('--image <index>', 'index of the attacked image in the data split (overrides image)', intParser('--image', 0))
    .option('--steps <n>', 'DLG/iDLG: L-BFGS steps; GS: iterations (overrides steps)', intParser('--steps', 0))
    .addOption(new Option('--selection <which>', 'gradients the attacker matches (dlg, idlg, gs; repinfer matches the inferred representation)').choices(['all', 'conv', 'allButDefended']))
    .option('--out <dir>', 'run directory (default: runs/attack-<preset or config name>-seed<seed>)')
    .option('--data-dir <dir>', 'dataset directory (overrides data.dataDir; required for CIFAR-10)')
    .action(async (opts: AttackCliOptions, command: Command) => {
      const ctx = makeCtx(command);
      const seedGiven = command.getOptionValueSourceWithGlobals('seed') === 'cli';
      const result = await attack(opts, ctx, seedGiven);
      ctx.emit(result, formatAttackSummary(result));
    });
}

async function attack(opts: AttackCliOptions, ctx: CommandContext, seedGiven: boolean): Promise<AttackOutput> {
  // Loaded lazily: they pull in TensorFlow.js, which `--help` and the other commands don't need.
  const { resolveAttackConfig } = await import('../../experiments/resolveAttackConfig.js');
  const { runAttackExperiment } = await import('../../experiments/runAttackExperiment.js');
  const { writeAttackOutputs } = await import('../../experiments/writeAttackOutputs.js');
  const overrides = {
    seed: seedGiven ? ctx.seed : undefined, attack: opts.attack, defense: opts.defense, param: opts.param,
    image: opts.image, steps: opts.steps, selection: opts.selection, dataDir: opts.dataDir,
  };
  const { config, name } = resolveAttackConfig({ preset: opts.preset, configFile: opts.config, overrides });
  const outDir = opts.out ?? `runs/attack-${name}-seed${config.seed}`;
  const progress = await makeProgress(ctx, stepProgress(config.steps));
  try {
    const run = await runAttackExperiment({ config, backend: ctx.backend, argv: ctx.argv, log: ctx.log, onProgress: progress.update });
    return writeAttackOutputs(outDir, run);
  } finally {
    progress.stop();
  }
}

/** How an attack step shows: a bar on a terminal, otherwise one log line per reported step. */
function stepProgress(total: number): ProgressView<AttackProgress> {
  return {
    format: 'attack [{bar}] {value}/{total} steps | mse {mse} | eta {eta_formatted}',
    line: (p) => `step ${p.iteration}/${p.steps}: mse to the truth ${p.mse.toExponential(3)} (display only, uses the ground truth), ${(p.ms / 1000).toFixed(1)} s`,
    position: (p) => ({ value: p.iteration, total }),
    payload: (p) => ({ mse: p.mse.toExponential(2) }),
  };
}

/**
 * Human summary of an attack result.
 * @param r - the result as written.
 * @returns multi-line text.
 */
export function formatAttackSummary(r: AttackOutput): string {
  const g = (v: number): string => (Number.isFinite(v) ? v.toPrecision(4) : String(v));
  return [
    `soteria-lab attack: ${r.attack} on ${r.image.dataset} image ${r.image.index} (label ${r.image.label}), defense: ${r.defense.description}, selection ${r.selection}`,
    `  final MSE ${g(r.mse)}, best-by-loss MSE ${g(r.bestMse)}, min MSE over iterations ${g(r.mseMin)} (uses the ground truth) [${r.metricSpace}]`,
    ...(r.normalised ? [`  normalised space (GS script): MSE ${g(r.normalised.mse)}, min ${g(r.normalised.mseMin)} (uses the ground truth), PSNR ${g(r.normalised.psnr)} dB (range ${g(r.normalised.psnrRange)})`] : []),
    ...(r.repCor !== undefined ? [`  cor(inferred, true representation) ${r.repCor === null ? 'undefined' : g(r.repCor)} (uses the ground truth)`] : []),
    `  PSNR ${g(r.psnr)} dB, SSIM ${g(r.ssim)} (${r.ssimVariant}); label ${r.labelCorrect ? 'correct' : 'wrong'} (${r.predictedLabel})${r.idlg ? `, iDLG: ${r.idlg.reason}` : ''}`,
    `  ${r.steps} steps, ${r.evaluations} evaluations, ${(r.ms / 1000).toFixed(1)} s (${r.msPerEvaluation.toFixed(1)} ms/evaluation) on ${r.backend.name}${r.diverged ? '; DIVERGED' : ''}`,
    `  run directory ${r.outDir} (reconstruction.png, truth.png, best.png, result.json)`,
    `reproduce: ${r.provenance.command}`,
  ].join('\n');
}
