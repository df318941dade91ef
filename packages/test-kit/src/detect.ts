import { findMariadb } from './binaries.js';
import { readEnvConfig } from './env-pair.js';
import { probeContainerRuntime } from './probe.js';
import type { Detection } from './types.js';

/** Cheap check (no server start) whether a pair can be had, and how. Never throws. */
export async function detectMysql(): Promise<Detection> {
  try {
    const env = readEnvConfig();
    if (env.kind === 'ok') return { available: true, source: 'env' };
    if (env.kind === 'invalid') return { available: false, reason: env.reason };
    const local = await findMariadb();
    if (local.found) return { available: true, source: 'local' };
    const runtime = await probeContainerRuntime();
    if (runtime.ok) return { available: true, source: 'testcontainers' };
    return { available: false, reason: `${local.reason} and ${runtime.reason}` };
  } catch (err) {
    return { available: false, reason: `detection failed: ${(err as Error).message}` };
  }
}
