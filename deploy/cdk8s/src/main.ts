/** `npm run synth`: every environment into `dist/<env>/`, one file per component in apply order. */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { render, synthesize } from './app.js';
import { ENVIRONMENTS } from './config/index.js';
import { tiltSettings } from './tilt-settings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const monitoringDirectory = path.resolve(root, '../monitoring');

for (const env of ENVIRONMENTS) {
  const directory = path.join(root, 'dist', env.name);
  mkdirSync(directory, { recursive: true });
  const files = new Map(synthesize(env, { monitoringDirectory }).map((file) => [file.file, render(file)]));
  if (env.name === 'dev') files.set('tilt.json', `${JSON.stringify(tiltSettings(env), null, 2)}\n`);
  for (const stale of readdirSync(directory).filter((file) => !files.has(file))) {
    rmSync(path.join(directory, stale));
  }
  // Unchanged files are not rewritten: Tilt reloads on every write it sees.
  for (const [file, text] of files) {
    const target = path.join(directory, file);
    const current = readFileSync(target, { encoding: 'utf8', flag: 'a+' });
    if (current !== text) writeFileSync(target, text);
  }
}
