/**
 * `soteria-lab check lemma1|theorem1|theorem2|algorithm1 [--samples N] [--map FILE] [--preset P] [--config FILE]`:
 * numerically check a claim of the paper with the float64 checkers of src/theory. A violated claim
 * is a successful check (exit 0); bad input (unknown claim, malformed --map module) exits 2.
 * `check theorem1 --bridge lenet [--samples N] [--input-shape HxWxC]` runs the float32 bridge from
 * the simulator's DLG LeNet (tfjs, --backend) into the Theorem 1 measurements instead.
 */
import { Argument, Option, type Command } from 'commander';
import { BRIDGE_MODELS, parseInputShape } from '../../experiments/theoryBridgeOptions.js';
import { makeProvenance } from '../../experiments/provenance.js';
import type { ClaimName } from '../../theory/index.js';
import type { MakeContext } from '../context.js';
import { intParser } from '../parsers.js';

interface CheckFlags {
  readonly samples?: number;
  readonly map?: string;
  readonly preset?: 'synthetic' | 'mnist';
  readonly config?: string;
  readonly bridge?: (typeof BRIDGE_MODELS)[number];
  readonly inputShape?: readonly [number, number, number];
}

/**
 * Registers `check` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerCheck(program: Command, makeCtx: MakeContext): void {
  program
    .command('check')
    .description('numerically check a claim of the paper (float64; with --bridge, on float32 simulator measurements); a violated claim is a result, not a failure')
    .addArgument(new Argument('<claim>', 'which claim').choices(['lemma1', 'theorem1', 'theorem2', 'algorithm1']))
    .option('--samples <n>', 'cases per family (theorem2: seeds; --bridge: sampled inputs, default 2)', intParser('--samples', 1))
    .option('--map <file>', 'lemma1/theorem1: ES module exporting dim, f, and optionally inverse, jacobian (see docs/theory.md)')
    .addOption(new Option('--preset <name>', 'theorem2 configuration').choices(['synthetic', 'mnist']))
    .option('--config <file>', 'theorem2: JSON config overriding the preset')
    .addOption(new Option('--bridge <model>', 'theorem1: float32 bridge from the simulator model (tfjs, --backend) instead of the float64 families; see docs/theory.md').choices([...BRIDGE_MODELS]))
    .option('--input-shape <HxWxC>', '--bridge: LeNet input shape (default 32x32x3; e.g. 16x16x1 is fast)', parseInputShape)
    .action(async (claim: ClaimName, flags: CheckFlags, command: Command) => {
      const ctx = makeCtx(command);
      const startedAt = new Date();
      // Loaded on use: the checkers pull in mathjs and fast-check, which `--help` should not pay for.
      const { formatCheckSummary, runCheck } = await import('../../experiments/checkClaim.js');
      const report = await runCheck({
        claim,
        seed: ctx.seed,
        log: ctx.log,
        ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
        ...(flags.map !== undefined ? { mapFile: flags.map } : {}),
        ...(flags.preset !== undefined ? { preset: flags.preset } : {}),
        ...(flags.config !== undefined ? { configFile: flags.config } : {}),
        ...(flags.bridge !== undefined ? { bridge: flags.bridge, backend: ctx.backend } : {}),
        ...(flags.inputShape !== undefined ? { inputShape: flags.inputShape } : {}),
      });
      const used = 'bridge' in report ? (report as { bridge: { backend: { name: string } } }).bridge.backend.name : 'float64 (no tensor backend)';
      const provenance = makeProvenance({
        argv: ctx.argv,
        seed: ctx.seed,
        backend: { requested: ctx.backend, name: used },
        config: { claim, ...flags },
        startedAt,
      });
      ctx.emit({ ...report, provenance }, formatCheckSummary(report));
    });
}
