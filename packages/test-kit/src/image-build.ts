import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, posix, relative } from 'node:path';
import balenaDockerignore from '@balena/dockerignore';
import {
  type Copy,
  DockerfileParser,
  type Env,
  type From,
  type Instruction,
  JSONInstruction,
} from 'dockerfile-ast';

/** A Dockerfile's final image as a directory on this machine (see `buildImageTree`). */
export interface ImageTree {
  /** The directory that stands for the image's `/`. */
  readonly root: string;
  /** The image's WORKDIR, as an image path. */
  readonly workdir: string;
  /** The image's ENV. */
  readonly env: Readonly<Record<string, string>>;
  /** The image's USER, if it sets one. */
  readonly user: string | undefined;
  /** The image's CMD (exec form). */
  readonly cmd: readonly string[];
  /** The ports the image EXPOSEs. */
  readonly exposedPorts: readonly number[];
  /** An image path (absolute, or relative to WORKDIR) as a path on this machine. */
  hostPath(imagePath: string): string;
}

export interface BuildImageTreeOptions {
  /** The Dockerfile to build. */
  readonly dockerfile: string;
  /** The build context (the `.` of `docker build`); its `.dockerignore` applies. */
  readonly context: string;
  /** An empty directory that receives one directory per stage. */
  readonly into: string;
}

interface Stage {
  readonly name: string | undefined;
  readonly root: string;
  workdir: string;
  readonly env: Record<string, string>;
  user: string | undefined;
  cmd: string[] | undefined;
  readonly exposedPorts: number[];
}

// A CommonJS module whose function is also its `default`; only the latter is in its types.
const dockerignore = balenaDockerignore.default;

/** Metadata only: nothing to reproduce. */
const IGNORED = new Set(['LABEL']);

/**
 * Builds a Dockerfile without a container engine: every stage is a directory, COPY copies files
 * (the context filtered by `.dockerignore`, or another stage's files with `--from`), and RUN runs its
 * shell command on this machine with the stage's WORKDIR as its working directory. What the base image
 * provides (node, npm, a shell) is this machine's own, so the tree shows what the Dockerfile itself
 * puts in the image, and its CMD can be started with this machine's node.
 *
 * It refuses what it cannot reproduce faithfully (variables, wildcards, ADD, ARG, COPY flags other than
 * `--from`, a RUN naming an absolute path, which would touch this machine) instead of building a
 * different image.
 */
export async function buildImageTree(options: BuildImageTreeOptions): Promise<ImageTree> {
  const text = await readFile(options.dockerfile, 'utf8');
  const ignored = await readDockerignore(options.context);
  const stages: Stage[] = [];
  const current = (instruction: Instruction) => {
    const stage = stages.at(-1);
    if (!stage) throw unsupported(instruction, 'before the first FROM');
    return stage;
  };

  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (IGNORED.has(keyword)) continue;
    if (keyword !== 'RUN' && /\$/.test(instruction.getArgumentsContent() ?? '')) {
      throw unsupported(instruction, 'variables are not expanded');
    }
    switch (keyword) {
      case 'FROM': {
        const root = join(options.into, `stage-${stages.length}`);
        await mkdir(root, { recursive: true });
        const name = (instruction as From).getBuildStage() ?? undefined;
        stages.push({ name, root, workdir: '/', env: {}, user: undefined, cmd: undefined, exposedPorts: [] });
        break;
      }
      case 'WORKDIR': {
        const stage = current(instruction);
        stage.workdir = posix.resolve(stage.workdir, onlyArgument(instruction));
        await mkdir(inStage(stage, stage.workdir), { recursive: true });
        break;
      }
      case 'ENV':
        for (const property of (instruction as Env).getProperties()) {
          current(instruction).env[property.getName()] = property.getUnescapedValue() ?? '';
        }
        break;
      case 'COPY':
        await copy(instruction as Copy, current(instruction), stages, options.context, ignored);
        break;
      case 'RUN':
        await run(instruction, current(instruction));
        break;
      case 'USER':
        current(instruction).user = onlyArgument(instruction);
        break;
      case 'EXPOSE':
        for (const argument of instruction.getArguments()) {
          const port = /^(\d+)(\/tcp)?$/.exec(argument.getValue());
          if (!port) throw unsupported(instruction, `port ${argument.getValue()}`);
          current(instruction).exposedPorts.push(Number(port[1]));
        }
        break;
      case 'CMD':
        current(instruction).cmd = execForm(instruction);
        break;
      default:
        throw unsupported(instruction, 'this instruction is not emulated');
    }
  }

  const final = stages.at(-1);
  if (!final) throw new Error(`${options.dockerfile}: no FROM`);
  if (!final.cmd) throw new Error(`${options.dockerfile}: the final stage has no CMD`);
  // Whoever runs the image (USER, not necessarily this process's user) must reach its files.
  await chmod(options.into, 0o755);
  return {
    root: final.root,
    workdir: final.workdir,
    env: { ...final.env },
    user: final.user,
    cmd: final.cmd,
    exposedPorts: [...final.exposedPorts],
    hostPath: (imagePath) => inStage(final, posix.resolve(final.workdir, imagePath)),
  };
}

/** "Dockerfile line N: KEYWORD", for messages. */
function where(instruction: Instruction): string {
  return `Dockerfile line ${instruction.getRange().start.line + 1}: ${instruction.getKeyword()}`;
}

function unsupported(instruction: Instruction, why: string): Error {
  return new Error(`${where(instruction)} cannot be emulated (${why})`);
}

function onlyArgument(instruction: Instruction): string {
  const args = instruction.getArguments();
  if (args.length !== 1) throw unsupported(instruction, 'expected exactly one argument');
  return (args[0] as { getValue(): string }).getValue();
}

function execForm(instruction: Instruction): string[] {
  const strings = instruction instanceof JSONInstruction ? instruction.getJSONStrings() : [];
  if (strings.length === 0) throw unsupported(instruction, 'only the exec form ["…"] is emulated');
  return strings.map((argument) => argument.getJSONValue());
}

/** An image path inside a stage's directory. `posix.resolve` has already removed any `..`. */
function inStage(stage: Stage, imagePath: string): string {
  return join(stage.root, posix.resolve('/', imagePath));
}

async function readDockerignore(context: string): Promise<(path: string) => boolean> {
  let patterns = '';
  try {
    patterns = await readFile(join(context, '.dockerignore'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const rules = dockerignore().add(patterns.split(/\r?\n/));
  return (path) => path !== '' && rules.ignores(path);
}

async function copy(
  instruction: Copy,
  stage: Stage,
  stages: readonly Stage[],
  context: string,
  ignored: (path: string) => boolean,
): Promise<void> {
  const flags = instruction.getFlags();
  const from = instruction.getFromFlag()?.getValue();
  if (flags.some((flag) => flag.getName() !== 'from'))
    throw unsupported(instruction, 'only --from is emulated');
  const args = instruction.getArguments().map((argument) => argument.getValue());
  const destination = args.pop();
  if (!destination || args.length === 0) throw unsupported(instruction, 'expected sources and a destination');
  if (args.some((source) => /[*?[]/.test(source))) throw unsupported(instruction, 'wildcards');

  let sourceRoot = context;
  let filter = (_path: string) => true;
  if (from !== undefined) {
    const source = stages.find((other, index) => other.name === from || String(index) === from);
    if (!source || source === stage) throw unsupported(instruction, `no earlier stage "${from}"`);
    sourceRoot = source.root;
  } else {
    filter = (path) => !ignored(relative(context, path).split('\\').join('/'));
  }

  const target = posix.resolve(stage.workdir, destination);
  const intoDirectory = destination.endsWith('/') || args.length > 1;
  for (const source of args) {
    const sourcePath = join(sourceRoot, posix.resolve('/', source));
    if (!filter(sourcePath)) throw unsupported(instruction, `${source} is excluded by .dockerignore`);
    const isDirectory = (await stat(sourcePath)).isDirectory();
    // A directory's contents go into the destination; a file goes into it when it names a directory.
    const to = isDirectory || !intoDirectory ? target : posix.join(target, basename(source));
    await mkdir(dirname(inStage(stage, to)), { recursive: true });
    // Symbolic links stay links (npm workspaces link their packages into node_modules).
    await cp(sourcePath, inStage(stage, to), { recursive: true, verbatimSymlinks: true, filter });
  }
}

/** Runs a shell-form RUN; its output is shown only when it fails. */
async function run(instruction: Instruction, stage: Stage): Promise<void> {
  if (instruction instanceof JSONInstruction && instruction.getJSONStrings().length > 0) {
    throw unsupported(instruction, 'only the shell form is emulated');
  }
  const command = instruction.getArgumentsContent() ?? '';
  // Absolute paths would name this machine's files, not the stage's.
  if (/(^|[\s=:'"])\//.test(command)) throw unsupported(instruction, 'a RUN command naming an absolute path');
  // Only what a container's RUN would see: the stage's ENV, and the tools of this machine (PATH, HOME
  // for npm's cache). Nothing else from this process (its npm_* and test settings) leaks in.
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...stage.env };
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], {
      cwd: inStage(stage, stage.workdir),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    }
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new Error(
      `${where(instruction)} failed (exit ${code}): ${command}\n${output.join('').slice(-4000)}`,
    );
  }
}
