import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wideText } from './fixtures/wide-text.js';

const writer = fileURLToPath(new URL('./fixtures/log-writer.ts', import.meta.url));

/** Runs the fixture service; its stdout as lines. */
function runWriter(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', writer], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, lines: result.stdout.split('\n').filter(Boolean), stderr: result.stderr };
}

/** The URLs of the request lines, in order. */
function requestUrls(lines: string[]): string[] {
  return lines
    .map((line) => JSON.parse(line))
    .flatMap((entry) => (entry.msg === 'request' ? [entry.url] : []));
}

const urls = (count: number) => Array.from({ length: count }, (_, i) => `/lines/${i + 1}`);

describe('buffered stdout log destination', () => {
  it('writes a quiet service’s lines within its flush interval, before later output', () => {
    const { status, lines } = runWriter({ REQUESTS: '3', END: 'wait' });
    expect(status).toBe(0);
    expect(lines.at(-1)).toBe('MARKER');
    expect(requestUrls(lines.slice(0, -1))).toEqual(urls(3));
  });

  it('loses no line when the process exits at once', () => {
    const { status, lines } = runWriter({ REQUESTS: '2000', END: 'exit' });
    expect(status).toBe(0);
    expect(requestUrls(lines)).toEqual(urls(2000));
  });

  it('keeps multi-byte lines and lines longer than its buffer whole and in order', () => {
    const { status, lines } = runWriter({ REQUESTS: '300', END: 'exit', WIDE: '1' });
    expect(status).toBe(0);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries).toHaveLength(600);
    entries.forEach((entry, index) => {
      const n = Math.floor(index / 2) + 1;
      if (index % 2 === 0) expect(entry.text === wideText(n), `line ${n}`).toBe(true);
      else expect(entry).toMatchObject({ msg: 'request', url: `/lines/${n}` });
    });
  });

  it('loses no line when the process crashes', () => {
    const { status, lines } = runWriter({ REQUESTS: '20', END: 'throw' });
    expect(status).not.toBe(0);
    expect(requestUrls(lines)).toEqual(urls(20));
  });

  it('writes every line out when the service shuts down on SIGTERM', () => {
    const { status, lines, stderr } = runWriter({ REQUESTS: '50', END: 'sigterm' });
    expect(status, stderr).toBe(0);
    expect(requestUrls(lines)).toEqual(urls(50));
    expect(JSON.parse(lines.at(-1) as string).msg).toBe('shut down cleanly');
  });
});
