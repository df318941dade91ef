import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type ChildExit, type ChildOutput, watchChild } from './child-output.js';
import type { ImageTree } from './image-build.js';

/** The uid and gid of `nobody`: a user that owns nothing in an image tree, as USER does in the image. */
const NOBODY = 65534;
const SETPRIV = '/usr/bin/setpriv';

export interface ImageProcess extends ChildOutput {
  readonly child: ChildProcess;
  /** True when it runs as an unprivileged user that owns none of the image's files (needs root here). */
  readonly asImageUser: boolean;
  /** SIGTERM, as a container runtime stops a container; resolves as `exited` does. */
  stop(): Promise<ChildExit>;
}

/**
 * Starts an image tree's CMD the way a container runtime would: in its WORKDIR, with its ENV plus
 * `env` (as `docker run -e`), and nothing else from this process but PATH. The image's `node` is this
 * machine's. When the image sets USER and this process is root, it runs as `nobody`, who, like the
 * image's user, owns none of the files COPY put there: a write outside /tmp fails as it would in the
 * container.
 */
export function startImage(image: ImageTree, env: Record<string, string> = {}): ImageProcess {
  const [program, ...args] = image.cmd;
  if (program !== 'node') throw new Error(`only a CMD that runs node can be started here (got ${program})`);
  const asImageUser = image.user !== undefined && process.getuid?.() === 0 && existsSync(SETPRIV);
  const argv = asImageUser
    ? [SETPRIV, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--', process.execPath, ...args]
    : [process.execPath, ...args];
  const child = spawn(argv[0] as string, argv.slice(1), {
    cwd: image.hostPath(image.workdir),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...image.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = watchChild(child, "the image's process");
  const stop = () => {
    child.kill('SIGTERM');
    return output.exited;
  };
  return { child, asImageUser, ...output, stop };
}
