#!/usr/bin/env node
// Prints how long each test file took and the closing line CI reads ("N passed, N failed[, N skipped]"),
// from vitest's JSON report. A file that failed before running any test counts as one failure.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const reportPath = process.argv[2] ?? 'reports/vitest.json';
let report;
try {
  report = JSON.parse(readFileSync(reportPath, 'utf8'));
} catch (error) {
  console.log(`no test report at ${reportPath}: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(0);
}

const files = report.testResults ?? [];
const rows = files
  .map((file) => ({
    name: path.relative(process.cwd(), file.name),
    seconds: Math.max(0, (file.endTime ?? 0) - (file.startTime ?? 0)) / 1000,
    tests: file.assertionResults?.length ?? 0,
    status: file.status,
  }))
  .sort((a, b) => b.seconds - a.seconds);

console.log('\nTest files by duration:');
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
