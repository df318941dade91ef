import type { ChildProcess } from 'node:child_process';
import { readlinkSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Children still running and temp dirs still present, for the last-resort exit hook. */
const liveChildren = new Set<ChildProcess>();
const liveDirs = new Set<string>();
let hookInstalled = false;

function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  // Only synchronous work is possible here: kill what is left, then remove its files, best effort.
  process.on('exit', () => {
    for (const child of liveChildren) child.kill('SIGKILL');
    for (const dir of liveDirs) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {}
    }
  });
}

export function trackChild(child: ChildProcess): void {
  installExitHook();
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
}

const PREFIX = 'mystore-mysql-';
const OWNER_FILE = 'owner';
const SHM = '/dev/shm';
const MIN_SHM_FREE = 2 * 1024 ** 3;

/**
 * Where pairs live: TEST_MYSQL_TMPDIR if set; else /dev/shm when it has room (installs and starts run
 * 2-3x faster in RAM than on a disk that honours fsync; a container's default 64 MB /dev/shm does not
 * qualify); else os.tmpdir(), or /tmp when that path is so long that socket paths would pass ~100 chars.
 */
async function baseDir(): Promise<string> {
  const forced = process.env.TEST_MYSQL_TMPDIR;
  if (forced) return forced;
  try {
    const s = await statfs(SHM);
    if (s.bavail * s.bsize >= MIN_SHM_FREE) return SHM;
  } catch {}
  const dir = tmpdir();
  return dir.length > 60 ? '/tmp' : dir;
}

/** The pid namespace, so a sweep never judges pids of another namespace sharing the directory. */
function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return 'unknown';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Removes pair directories whose owning process died without cleaning up (killed test workers). */
async function sweepStale(base: string): Promise<void> {
  const names = await readdir(base).catch(() => [] as string[]);
  const ns = pidNamespace();
  await Promise.all(
    names
      .filter((n) => n.startsWith(PREFIX))
      .map(async (name) => {
        const dir = join(base, name);
        const owner = await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => undefined);
        const [pid, ownerNs] = (owner ?? '').trim().split(' ');
        if (!pid || ownerNs !== ns || isAlive(Number(pid))) return;
        await rm(dir, { recursive: true, force: true }).catch(() => {});
      }),
  );
}

/** A fresh directory for one pair, removed by removePairDir or, failing that, at process exit. */
export async function createPairDir(): Promise<string> {
  const base = await baseDir();
  await sweepStale(base);
  const dir = await mkdtemp(join(base, PREFIX));
  await writeFile(join(dir, OWNER_FILE), `${process.pid} ${pidNamespace()}\n`);
  installExitHook();
  liveDirs.add(dir);
  return dir;
}

export async function removePairDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  liveDirs.delete(dir);
}
