import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildImageTree, type ImageTree } from './image-build.js';

/** The repository root (from src/ or build/ of this package): every service image's build context. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Long enough for what a service image's build runs here: two `npm ci` and a `tsc -b` (about a minute). */
export const SERVICE_IMAGE_BUILD_TIMEOUT_MS = 10 * 60_000;

export interface ServiceImage {
  readonly image: ImageTree;
  /** Deletes the image's directories. */
  remove(): Promise<void>;
}

/**
 * Builds `services/<service>/Dockerfile` with the repository root as its context, as
 * `docker build -f services/<service>/Dockerfile .` would, into a temporary directory (see
 * `buildImageTree`: there is no container engine on these machines).
 */
export async function buildServiceImage(service: string): Promise<ServiceImage> {
  const into = await mkdtemp(join(tmpdir(), `${service}-image-`));
  const remove = () => rm(into, { recursive: true, force: true });
  try {
    const dockerfile = join(REPO_ROOT, 'services', service, 'Dockerfile');
    return { image: await buildImageTree({ dockerfile, context: REPO_ROOT, into }), remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** Packages that only building or testing needs; a service image must not carry them. */
const BUILD_AND_TEST_ONLY = [
  'typescript',
  'tsx',
  'vitest',
  '@biomejs/biome',
  'testcontainers',
  'dockerode',
  // The embedded SQLite default is for the local run (an optional dependency of the data layer).
  'better-sqlite3',
];

function entries(path: string): string[] {
  return existsSync(path) ? readdirSync(path) : [];
}

/**
 * What is wrong with a service's image tree (empty when nothing is): its compiled entry point must be
 * there; sources, tests, the test kit, other services and build or test tools must not; and every
 * workspace link in node_modules must lead to a package the image holds.
 */
export function serviceImageProblems(image: ImageTree, service: string): string[] {
  const problems: string[] = [];
  const at = (path: string) => image.hostPath(`/app/${path}`);
  if (!existsSync(at(`services/${service}/build/server.js`)))
    problems.push(`no services/${service}/build/server.js`);
  for (const other of entries(at('services'))) {
    if (other !== service) problems.push(`another service: services/${other}`);
  }
  for (const kind of ['packages', 'services']) {
    for (const name of entries(at(kind))) {
      for (const folder of ['src', 'test']) {
        if (existsSync(at(`${kind}/${name}/${folder}`))) problems.push(`${kind}/${name}/${folder}`);
      }
    }
  }
  if (existsSync(at('packages/test-kit'))) problems.push('packages/test-kit');
  for (const name of BUILD_AND_TEST_ONLY) {
    if (existsSync(at(`node_modules/${name}`))) problems.push(`node_modules/${name}`);
  }
  // existsSync follows the link: false for a link to a package that is not in the image.
  for (const name of entries(at('node_modules/@mystore'))) {
    if (!existsSync(at(`node_modules/@mystore/${name}/package.json`))) {
      problems.push(`node_modules/@mystore/${name} leads nowhere`);
    }
  }
  return problems;
}
