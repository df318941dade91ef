import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkTargets } from './support/markdown.js';
import { REPO_ROOT } from './support/npm-process.js';

const markdownFiles = execFileSync('git', ['ls-files', '*.md'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean);

/** A link with a scheme (`https:`, `mailto:`) or protocol-relative (`//host`) leaves the repository. */
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** The project's own documentation names nothing outside the repository. */
const SELF_CONTAINED = (file: string) => file === 'README.md' || file.startsWith('docs/');

describe('Markdown links', () => {
  it('finds the tracked Markdown files', () => {
    expect(markdownFiles).toContain('README.md');
    expect(markdownFiles).toContain('docs/architecture.md');
  });

  it.each(markdownFiles)('%s: every relative link resolves to a file inside the repository', (file) => {
    const problems: string[] = [];
    for (const target of linkTargets(path.join(REPO_ROOT, file))) {
      if (target.startsWith('#')) continue;
      if (EXTERNAL.test(target)) {
        if (SELF_CONTAINED(file)) problems.push(`${target}: leaves the repository`);
        continue;
      }
      const relative = decodeURIComponent(target.split('#')[0]!.split('?')[0]!);
      const resolved = relative.startsWith('/')
        ? path.join(REPO_ROOT, relative)
        : path.resolve(REPO_ROOT, path.dirname(file), relative);
      const inside = path.relative(REPO_ROOT, resolved);
      if (inside.startsWith('..') || path.isAbsolute(inside))
        problems.push(`${target}: leaves the repository`);
      else if (!existsSync(resolved)) problems.push(`${target}: no such file`);
    }
    expect(problems).toEqual([]);
  });
});
