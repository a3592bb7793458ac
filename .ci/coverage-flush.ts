// Setup file of every vitest project (see vitest.config.ts). Under `npm test`, c8 collects the V8
// coverage that node writes to NODE_V8_COVERAGE. A fork worker that vitest tears down or kills
// before it exits normally would lose everything it ran, so each test file writes what it
// covered as soon as it finishes (v8.takeCoverage writes a new report and resets the counters;
// c8 merges them). Outside `npm test` NODE_V8_COVERAGE is unset and this does nothing.
import { takeCoverage } from 'node:v8';
import { afterAll } from 'vitest';

afterAll(() => {
  if (process.env.NODE_V8_COVERAGE) takeCoverage();
});
