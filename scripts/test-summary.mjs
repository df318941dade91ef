#!/usr/bin/env node
// Prints how long each test file took and the closing line CI reads ("N passed, N failed[, N skipped]").
// Counts come from vitest's JSON report; durations from vitest-files.json beside it (written by
// scripts/vitest-file-durations.ts), which includes each file's hooks: the JSON report's per-file
// times span its tests only. A file that failed before running any test counts as one failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const reportPath = process.argv[2] ?? 'reports/vitest.json';
const durationsPath = path.join(path.dirname(reportPath), 'vitest-files.json');
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (error) {
  console.log(`no test report at ${reportPath}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(0);
}

/** Seconds per test file, hooks included; empty when the durations file is missing. */
const wholeSeconds = new Map();
try {
  for (const file of JSON.parse(readFileSync(durationsPath, 'utf8')).files)
    wholeSeconds.set(file.name, file.seconds);
} catch (error) {
  console.log(
    `no per-file durations at ${durationsPath} (${error.code ?? error.message}): times below leave hooks out`,
  );
}

const files = report.testResults ?? [];
const rows = files
  .map((file) => ({
    name: path.relative(process.cwd(), file.name),
    seconds: wholeSeconds.get(file.name) ?? Math.max(0, (file.endTime ?? 0) - (file.startTime ?? 0)) / 1000,
    tests: file.assertionResults?.length ?? 0,
    status: file.status,
  }))
  .sort((a, b) => b.seconds - a.seconds);

console.log('\nTest files by duration (hooks included):');
for (const row of rows) {
  console.log(
    `  ${row.seconds.toFixed(1).padStart(7)} s  ${String(row.tests).padStart(4)} tests  ${row.status.padEnd(7)} ${row.name}`,
  );
}

const brokenFiles = files.filter(
  (file) => file.status === 'failed' && !file.assertionResults?.some((t) => t.status === 'failed'),
).length;
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
