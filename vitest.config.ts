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
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
