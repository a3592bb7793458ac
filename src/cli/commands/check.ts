/**
 * `soteria-lab check lemma1|theorem1|theorem2|algorithm1 [--samples N] [--map FILE] [--preset P] [--config FILE]`:
 * numerically check a claim of the paper with the float64 checkers of src/theory. A violated claim
 * is a successful check (exit 0); bad input (unknown claim, malformed --map module) exits 2.
 */
import { Argument, Option, type Command } from 'commander';
import { formatCheckSummary, runCheck } from '../../experiments/checkClaim.js';
import { makeProvenance } from '../../experiments/provenance.js';
import type { ClaimName } from '../../theory/index.js';
import type { MakeContext } from '../context.js';
import { intParser } from '../parsers.js';

interface CheckFlags {
  readonly samples?: number;
  readonly map?: string;
  readonly preset?: 'synthetic' | 'mnist';
  readonly config?: string;
}

/**
 * Registers `check` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerCheck(program: Command, makeCtx: MakeContext): void {
  program
    .command('check')
    .description('numerically check a claim of the paper (float64); a violated claim is a result, not a failure')
    .addArgument(new Argument('<claim>', 'which claim').choices(['lemma1', 'theorem1', 'theorem2', 'algorithm1']))
    .option('--samples <n>', 'cases per family (theorem2: seeds)', intParser('--samples', 1))
    .option('--map <file>', 'lemma1/theorem1: ES module exporting dim, f, and optionally inverse, jacobian (see docs/theory.md)')
    .addOption(new Option('--preset <name>', 'theorem2 configuration').choices(['synthetic', 'mnist']))
    .option('--config <file>', 'theorem2: JSON config overriding the preset')
    .action(async (claim: ClaimName, flags: CheckFlags, command: Command) => {
      const ctx = makeCtx(command);
      const startedAt = new Date();
      const report = await runCheck({
        claim,
        seed: ctx.seed,
        log: ctx.log,
        ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
        ...(flags.map !== undefined ? { mapFile: flags.map } : {}),
        ...(flags.preset !== undefined ? { preset: flags.preset } : {}),
        ...(flags.config !== undefined ? { configFile: flags.config } : {}),
      });
      const provenance = makeProvenance({
        argv: ctx.argv,
        seed: ctx.seed,
        backend: { requested: ctx.backend, name: 'float64 (no tensor backend)' },
        config: { claim, ...flags },
        startedAt,
      });
      ctx.emit({ ...report, provenance }, formatCheckSummary(report));
    });
}
