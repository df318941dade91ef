import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parser } from '@lezer/python';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/manifests.js';

const source = readFileSync(path.join(REPO_ROOT, 'Tiltfile'), 'utf8');
const settings = JSON.parse(readFileSync(path.join(REPO_ROOT, 'deploy/cdk8s/dist/dev/tilt.json'), 'utf8'));

/** The string literals of the Tiltfile (Starlark is Python syntax), unquoted. */
function strings(): string[] {
  const found: string[] = [];
  const tree = parser.parse(source);
  tree.iterate({
    enter(node) {
      if (node.type.isError)
        throw new Error(`Tiltfile syntax error at ${node.from}: ${source.slice(node.from, node.from + 40)}`);
      if (node.name === 'String') found.push(source.slice(node.from + 1, node.to - 1));
    },
  });
  return found;
}

const PATH = /^(\.tilt|deploy|services|packages)\/|^(package(-lock)?|tsconfig(\.base)?)\.json$/;

describe('the Tiltfile', () => {
  it('parses as Starlark (Python syntax)', () => {
    expect(strings().length).toBeGreaterThan(10);
  });

  it('names only paths that exist (per service, for the services on this branch)', () => {
    const services: string[] = settings.services.map((service: { name: string }) => service.name);
    const present = services.filter((name) => existsSync(path.join(REPO_ROOT, 'services', name)));
    // The APIs are always here; the web apps' paths are checked as soon as their directories exist.
    expect(present).toEqual(expect.arrayContaining(['catalog-read', 'admin-write']));
    const paths = strings()
      .filter((text) => PATH.test(text) && !text.startsWith('.tilt/'))
      .flatMap((text) => (text.includes('%s') ? present.map((name) => text.replaceAll('%s', name)) : [text]));
    const dockerfiles = settings.services
      .filter((service: { name: string }) => present.includes(service.name))
      .map((service: { dockerfile: string }) => service.dockerfile);
    expect(paths.length).toBeGreaterThan(5);
    for (const file of [...paths, ...dockerfiles])
      expect(existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
  });

  it('reads the settings the app writes and forwards the local ports of the design', () => {
    expect(source).toContain("read_json('deploy/cdk8s/dist/dev/tilt.json')");
    const forwards = Object.fromEntries(
      settings.services.map((s: { name: string; localPort: number; localMetricsPort: number }) => [
        s.name,
        [s.localPort, s.localMetricsPort],
      ]),
    );
    expect(forwards).toEqual({
      'catalog-web': [3000, 9466],
      'admin-web': [3001, 9467],
      'catalog-read': [8080, 9464],
      'admin-write': [8081, 9465],
    });
  });

  it('installs the operators first and runs the bootstrap and migration Jobs before the APIs', () => {
    const { bootstrap, migration } = settings.jobs;
    expect(source).toMatch(/k8s_resource\(jobs\['bootstrap'\], resource_deps=\['database'\]/);
    expect(source).toMatch(/k8s_resource\(jobs\['migration'\], resource_deps=\[jobs\['bootstrap'\]\]/);
    expect(source).toMatch(/resource_deps=\['operators', 'secrets'\]/);
    const deps = Object.fromEntries(
      settings.services.map((s: { name: string; resourceDeps: string[] }) => [s.name, s.resourceDeps]),
    );
    expect(deps).toEqual({
      'catalog-read': [migration],
      'admin-write': [migration],
      'catalog-web': ['catalog-read'],
      'admin-web': ['admin-write'],
    });
    expect(bootstrap).toBe('db-bootstrap');
  });

  it('pins cert-manager and MOCO to exact releases', () => {
    const versions = readFileSync(path.join(REPO_ROOT, 'deploy/mysql-operator/versions.env'), 'utf8');
    expect(versions).toMatch(/^CERT_MANAGER_VERSION=v\d+\.\d+\.\d+$/m);
    expect(versions).toMatch(/^MOCO_VERSION=v\d+\.\d+\.\d+$/m);
  });
});
