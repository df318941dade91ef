import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { render } from '../src/app.js';
import { ENVIRONMENTS } from '../src/config/index.js';
import { tiltSettings } from '../src/tilt-settings.js';
import { CDK8S_ROOT, filesOf } from './support/manifests.js';

describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('dist/%s', (name, env) => {
  const directory = path.join(CDK8S_ROOT, 'dist', name);
  const fresh = new Map(filesOf(env).map((file) => [file.file, render(file)]));
  if (name === 'dev') fresh.set('tilt.json', `${JSON.stringify(tiltSettings(env), null, 2)}\n`);

  it('is what a fresh synth writes (run `npm run synth` and commit)', () => {
    expect(readdirSync(directory).sort()).toEqual([...fresh.keys()].sort());
    for (const [file, text] of fresh)
      expect(readFileSync(path.join(directory, file), 'utf8'), file).toBe(text);
  });

  it('synthesizes the same bytes every time, files numbered in apply order', () => {
    const again = filesOf(env).map((file) => [file.file, render(file)]);
    expect(again).toEqual([...fresh].filter(([file]) => file !== 'tilt.json'));
    const order = [...fresh.keys()].filter((file) => file.endsWith('.yaml'));
    expect(order).toEqual([...order].sort());
    expect(order[0]).toMatch(/namespaces/);
  });
});
