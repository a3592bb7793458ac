import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], setupFiles: ['.ci/coverage-flush.ts'], testTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'properties',
          include: ['properties/**/*.test.ts'],
          setupFiles: ['properties/setup.ts', '.ci/coverage-flush.ts'],
          testTimeout: 300_000,
        },
      },
    ],
  },
});
