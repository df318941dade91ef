import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/** One test file's wall time in the run, as scripts/test-summary.mjs reads it. */
export interface FileDuration {
  readonly name: string;
  /** Import, set-up, hooks (a beforeAll that builds an image included) and tests. */
  readonly seconds: number;
  readonly state: string;
}

/**
 * A vitest reporter that writes how long each test file took, hooks included. vitest's JSON report
 * has no such figure: its per-file start and end span the tests alone, so a file whose beforeAll takes
 * 80 s shows the second its tests took.
 */
export default class FileDurationsReporter implements Reporter {
  readonly #outputFile: string;

  constructor(options: { outputFile?: string } = {}) {
    this.#outputFile = options.outputFile ?? 'reports/vitest-files.json';
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const files: FileDuration[] = testModules.map((module) => {
      const time = module.diagnostic();
      const ms =
        time.environmentSetupDuration +
        time.prepareDuration +
        time.collectDuration +
        time.setupDuration +
        time.duration;
      return { name: module.moduleId, seconds: ms / 1000, state: module.state() };
    });
    mkdirSync(path.dirname(path.resolve(this.#outputFile)), { recursive: true });
    writeFileSync(this.#outputFile, `${JSON.stringify({ files }, null, 2)}\n`);
  }
}
