// Preloaded into every node process of `npm test` (NODE_OPTIONS=--import, see package.json).
//
// Why: c8 reads the V8 coverage that node writes to NODE_V8_COVERAGE when a process exits.
//  1. vitest's own module runner evaluates transformed TypeScript without source maps that node
//     can see, so c8 would attribute coverage to the wrong lines. `npm test` therefore runs vitest
//     with `--experimental.viteModuleRunner=false`, and tests are imported natively through the
//     tsx loader registered here (inline source maps, which node records for c8).
//  2. vitest stops its fork workers with SIGTERM, which ends a process without writing its
//     coverage. On SIGTERM we write it first, then die of the signal as usual.
import 'tsx';
import { takeCoverage } from 'node:v8';

process.once('SIGTERM', () => {
  if (process.env.NODE_V8_COVERAGE) takeCoverage();
  process.kill(process.pid, 'SIGTERM');
});
