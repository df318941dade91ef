import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository's ruleset (`extends: ["spectral:oas"]`), the one `npx spectral lint` uses. */
const RULESET = fileURLToPath(new URL('../../../../.spectral.yaml', import.meta.url));

export interface SpectralResult {
  readonly code: string | number;
  readonly message: string;
  readonly path: readonly (string | number)[];
  /** 0 error, 1 warning, 2 information, 3 hint. */
  readonly severity: number;
}

async function spectralCli(): Promise<string> {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@stoplight/spectral-cli/package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { bin: { spectral: string } };
  return path.resolve(path.dirname(manifestPath), manifest.bin.spectral);
}

/**
 * Runs Stoplight Spectral's CLI with the repository's `.spectral.yaml` on an OpenAPI document and
 * returns every result, hints included (an empty list: the document passes with no warning).
 */
export async function lintOpenApi(document: unknown): Promise<SpectralResult[]> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'spectral-'));
  try {
    const file = path.join(directory, 'openapi.json');
    await writeFile(file, JSON.stringify(document, null, 2));
    const args = [await spectralCli(), 'lint', file, '--ruleset', RULESET, '--format', 'json', '--quiet'];
    // Exit code 1 means results at error severity; the JSON on stdout says what they are either way.
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string; code?: number }) => {
      if (error.code === 1 && error.stdout) return { stdout: error.stdout };
      throw error;
    });
    return JSON.parse(stdout) as SpectralResult[];
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
