import { readFileSync } from 'node:fs';
import path from 'node:path';
import { commonConfigSchema } from '@mystore/service-kernel';
import { type TProperties, Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { adminWebConfigSchema } from '../../services/admin-web/src/config.js';
import { adminWriteConfigSchema } from '../../services/admin-write/src/config.js';
import { catalogReadConfigSchema } from '../../services/catalog-read/src/config.js';
import { catalogWebConfigSchema } from '../../services/catalog-web/src/config.js';
import { START_DEFAULTS } from '../start/settings.js';
import { section } from './support/markdown.js';
import { REPO_ROOT } from './support/npm-process.js';

const DOC = path.join(REPO_ROOT, 'docs/configuration.md');

/** Variable → its row's default cell, for every table row of a section (a row may name several). */
function documented(heading: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const [names, defaults] of section(DOC, heading).rows) {
    for (const [, name] of names!.matchAll(/`([A-Z][A-Z0-9_]*\*?)`/g)) rows.set(name!, defaults ?? '');
  }
  return rows;
}

/** Names a source file reads from its environment (`env.X`, `process.env.X`). */
function variablesRead(file: string): string[] {
  const source = readFileSync(path.join(REPO_ROOT, file), 'utf8');
  return [...new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]!))];
}

/** The problems of a default cell: a schema default must be written there as `value`. */
function defaultProblems(name: string, schema: { default?: unknown }, required: boolean, cell: string) {
  if ('default' in schema) {
    const shown = schema.default === '' ? /empty/ : `\`${String(schema.default)}\``;
    const ok = typeof shown === 'string' ? cell.includes(shown) : shown.test(cell);
    return ok ? [] : [`${name}: default should show ${String(shown)}, is "${cell}"`];
  }
  if (required && !/required/.test(cell)) return [`${name}: should say it is required, is "${cell}"`];
  if (!required && /^required$/.test(cell.trim())) return [`${name}: is optional, the page says required`];
  return [];
}

/** Every variable of a service's schema is on the page with its default; nothing else is listed for it. */
function checkService(heading: string, properties: TProperties) {
  const own = documented(heading);
  const shared = documented('Every service');
  const required = new Set(Type.Object(properties).required ?? []);
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    const common = (commonConfigSchema as TProperties)[name];
    const sameAsCommon = common !== undefined && JSON.stringify(common) === JSON.stringify(schema);
    const cell = own.get(name) ?? (sameAsCommon ? shared.get(name) : undefined);
    if (cell === undefined) problems.push(`${name}: not documented under "${heading}"`);
    else problems.push(...defaultProblems(name, schema as { default?: unknown }, required.has(name), cell));
  }
  for (const name of own.keys()) {
    if (!(name in properties))
      problems.push(`${name}: listed under "${heading}" but not read by the service`);
  }
  return problems;
}

describe('docs/configuration.md', () => {
  it('lists every variable the service kernel gives every service, and nothing it does not read', () => {
    const shared = documented('Every service');
    const problems = [...shared.keys()]
      .filter((name) => name !== 'OTEL_*' && !(name in commonConfigSchema))
      .map((name) => `${name}: listed under "Every service" but not in the kernel's schema`);
    expect(problems).toEqual([]);
  });

  it('matches catalog-read’s configuration schema', () => {
    expect(checkService('catalog-read', catalogReadConfigSchema)).toEqual([]);
  });

  it('matches admin-write’s configuration schema', () => {
    expect(checkService('admin-write', adminWriteConfigSchema)).toEqual([]);
  });

  it('matches catalog-web’s configuration schema', () => {
    expect(checkService('catalog-web', catalogWebConfigSchema)).toEqual([]);
  });

  it('matches admin-web’s configuration schema', () => {
    expect(checkService('admin-web', adminWebConfigSchema)).toEqual([]);
  });

  it('lists exactly the variables npm start reads, with their defaults', () => {
    const rows = documented('npm start');
    const read = [
      ...new Set([...Object.keys(START_DEFAULTS), ...variablesRead('scripts/start/settings.ts')]),
    ];
    expect([...rows.keys()].sort()).toEqual(read.sort());
    const problems = Object.entries(START_DEFAULTS).flatMap(([name, port]) =>
      defaultProblems(name, { default: port }, false, rows.get(name)!),
    );
    expect(problems).toEqual([]);
  });

  it('lists exactly the variables npm run migrate reads', () => {
    const rows = documented('npm run migrate');
    expect([...rows.keys()].sort()).toEqual(variablesRead('packages/db/src/cli/migrate.ts').sort());
  });

  it('names every OTEL_* variable the kernel reads to decide whether to trace', () => {
    const text = section(DOC, 'Tracing').text;
    const read = variablesRead('packages/service-kernel/src/tracing-config.ts');
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((name) => !text.includes(`\`${name}\``))).toEqual([]);
  });
});
