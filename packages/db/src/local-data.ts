import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `<repo>/.data`: DATA_DIR's default, where the local run keeps its SQLite file. The same path from
 * `src/` and from `build/`, which sit at the same depth.
 */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL('../../../.data', import.meta.url));

/** The local run's admin token file in DATA_DIR (`npm start` and a lone admin-write on SQLite). */
export const LOCAL_ADMIN_TOKEN_FILE = 'admin-token';

const MIN_TOKEN_LENGTH = 16;

export interface LocalAdminToken {
  readonly token: string;
  readonly file: string;
  /** True when this call made the token (first start on this DATA_DIR). */
  readonly created: boolean;
}

/**
 * The local run's admin token, kept in DATA_DIR with mode 0600 so it survives restarts; made on first
 * use. Only the owner may read it, whatever the umask.
 */
export function localAdminToken(dataDir: string = DEFAULT_DATA_DIR): LocalAdminToken {
  const file = path.join(dataDir, LOCAL_ADMIN_TOKEN_FILE);
  const existing = readToken(file);
  if (existing) {
    chmodSync(file, 0o600);
    return { token: existing, file, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { token, file, created: true };
}

function readToken(file: string): string | undefined {
  try {
    const token = readFileSync(file, 'utf8').trim();
    return token.length >= MIN_TOKEN_LENGTH && !/\s/.test(token) ? token : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
