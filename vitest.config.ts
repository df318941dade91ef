import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages are imported from their TypeScript sources in tests (see each package's exports).
  resolve: { conditions: ['@mystore/source'] },
  ssr: { resolve: { conditions: ['@mystore/source'] } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'deploy/*/test/**/*.test.ts',
      'scripts/test/**/*.test.ts',
    ],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The JSON report gives the counts; the second file each test file's time with its hooks (the JSON
    // report's per-file times leave hooks out). scripts/test-summary.mjs prints both.
    reporters: [
      'default',
      'json',
      ['./scripts/vitest-file-durations.ts', { outputFile: 'reports/vitest-files.json' }],
    ],
    outputFile: { json: 'reports/vitest.json' },
  },
});
