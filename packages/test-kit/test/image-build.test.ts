import { existsSync, lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildImageTree } from '../src/image-build.js';

let scratch: string;
let context: string;

/** Writes files (path → content) under the build context. */
async function files(entries: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(entries)) {
    await mkdir(dirname(join(context, path)), { recursive: true });
    await writeFile(join(context, path), content);
  }
}

async function build(dockerfile: string) {
  await writeFile(join(context, 'Dockerfile'), dockerfile);
  const into = join(scratch, `image-${Math.random().toString(36).slice(2)}`);
  await mkdir(into);
  return buildImageTree({ dockerfile: join(context, 'Dockerfile'), context, into });
}

const read = (path: string) => readFileSync(path, 'utf8');

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'image-build-'));
  context = join(scratch, 'context');
  await mkdir(context);
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('buildImageTree (a Dockerfile built as a directory tree)', () => {
  it('copies as COPY does: directory contents, files into a directory, .dockerignore applied', async () => {
    await files({
      '.dockerignore': '**/node_modules\n*.log\n',
      'package.json': '{"name":"x"}',
      'lib/a.txt': 'a',
      'lib/deep/b.txt': 'b',
      'lib/node_modules/dep/index.js': 'ignored',
      'lib/debug.log': 'ignored at the root only',
      'debug.log': 'ignored',
    });
    const image = await build(
      ['FROM scratch', 'WORKDIR /srv', 'COPY package.json ./', 'COPY lib code', 'CMD ["node", "x"]'].join(
        '\n',
      ),
    );
    expect(read(image.hostPath('/srv/package.json'))).toBe('{"name":"x"}');
    expect(read(image.hostPath('code/a.txt'))).toBe('a');
    expect(read(image.hostPath('/srv/code/deep/b.txt'))).toBe('b');
    expect(existsSync(image.hostPath('code/node_modules'))).toBe(false);
    // `*.log` matches at the context's root only, as in Docker.
    expect(existsSync(image.hostPath('code/debug.log'))).toBe(true);
  });

  it('refuses to copy a source that .dockerignore excludes', async () => {
    await files({ '.dockerignore': 'secret.txt\n', 'secret.txt': 's' });
    await expect(build('FROM scratch\nCOPY secret.txt /\nCMD ["node"]')).rejects.toThrow(
      /excluded by \.dockerignore/,
    );
  });

  it('copies from an earlier stage with --from, keeping symbolic links as links', async () => {
    await files({ 'pkg/index.js': 'export {}' });
    const image = await build(
      [
        'FROM scratch AS build',
        'WORKDIR /repo',
        'COPY pkg pkg',
        'RUN mkdir -p node_modules && ln -s ../pkg node_modules/pkg && echo built > pkg/out.txt',
        'FROM scratch',
        'WORKDIR /app',
        'COPY --from=build /repo/node_modules node_modules',
        'COPY --from=build /repo/pkg pkg',
        'CMD ["node", "pkg/index.js"]',
      ].join('\n'),
    );
    const link = image.hostPath('node_modules/pkg');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('../pkg');
    expect(read(join(link, 'out.txt'))).toBe('built\n');
    expect(image.cmd).toEqual(['node', 'pkg/index.js']);
  });

  it('runs RUN in the WORKDIR with the stage ENV and nothing else of this process', async () => {
    process.env.IMAGE_BUILD_TEST_LEAK = 'leaked';
    try {
      const image = await build(
        [
          'FROM scratch',
          'ENV GREETING=hello',
          'WORKDIR /work',
          'WORKDIR sub',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, for the RUN's shell.
          'RUN pwd > where.txt && echo "$GREETING ${IMAGE_BUILD_TEST_LEAK:-none}" > env.txt',
          'USER node',
          'EXPOSE 8080 9464/tcp',
          'CMD ["node", "server.js"]',
        ].join('\n'),
      );
      expect(image.workdir).toBe('/work/sub');
      expect(read(image.hostPath('where.txt')).trim()).toBe(image.hostPath('/work/sub'));
      expect(read(image.hostPath('env.txt'))).toBe('hello none\n');
      expect(image.env).toEqual({ GREETING: 'hello' });
      expect(image.user).toBe('node');
      expect(image.exposedPorts).toEqual([8080, 9464]);
    } finally {
      delete process.env.IMAGE_BUILD_TEST_LEAK;
    }
  });

  it('fails with the exit code and the output of a failing RUN', async () => {
    await expect(build('FROM scratch\nRUN echo about to fail && exit 3\nCMD ["node"]')).rejects.toThrow(
      /line 2: RUN failed \(exit 3\)[\s\S]*about to fail/,
    );
  });

  it.each([
    ['ARG VERSION=1', /ARG cannot be emulated/],
    ['STOPSIGNAL SIGINT', /STOPSIGNAL cannot be emulated/],
    ['ADD https://example.com/x /x', /ADD cannot be emulated/],
    ['COPY $SRC /x', /variables are not expanded/],
    ['COPY *.json /x/', /wildcards/],
    ['COPY --chown=node a /a', /only --from/],
    ['COPY --from=nowhere /a /a', /no earlier stage "nowhere"/],
    ['RUN rm -rf /tmp/anything', /absolute path/],
    ['RUN ["echo", "exec form"]', /only the shell form/],
    ['CMD node server.js', /only the exec form/],
  ])('refuses what it cannot build faithfully: %s', async (line, message) => {
    await expect(build(`FROM scratch\n${line}\nCMD ["node"]`)).rejects.toThrow(message);
  });

  it('requires a CMD in the final stage', async () => {
    await expect(build('FROM scratch\nWORKDIR /app')).rejects.toThrow(/no CMD/);
  });
});
