import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logLine } from './fixtures/log-lines.js';

const writer = fileURLToPath(new URL('./fixtures/log-writer.ts', import.meta.url));

function runWriter(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', writer], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, lines: result.stdout.split('\n').filter(Boolean) };
}

const numbered = (count: number) => Array.from({ length: count }, (_, i) => `{"line":${i + 1}}`);

describe('batched stdout log destination', () => {
  it('writes a batch within its interval, before later output', () => {
    const { status, lines } = runWriter({ LINES: '3', END: 'wait' });
    expect(status).toBe(0);
    expect(lines).toEqual([...numbered(3), 'MARKER']);
  });

  it('loses no line when the process exits at once', () => {
    const { status, lines } = runWriter({ LINES: '5000', END: 'exit' });
    expect(status).toBe(0);
    expect(lines).toEqual(numbered(5000));
  });

  it('keeps multi-byte text and lines longer than a batch whole and in order', () => {
    const { status, lines } = runWriter({ LINES: '3000', END: 'exit', WIDE: '1' });
    expect(status).toBe(0);
    expect(lines).toHaveLength(3000);
    lines.forEach((line, index) => {
      expect(`${line}\n` === logLine(index + 1, true), `line ${index + 1}`).toBe(true);
    });
  });

  it('keeps ASCII lines and multi-byte lines of the same batches whole and in order', () => {
    const { status, lines } = runWriter({ LINES: '3000', END: 'exit', WIDE: '1', MIXED: '1' });
    expect(status).toBe(0);
    expect(lines).toHaveLength(3000);
    lines.forEach((line, index) => {
      const expected = logLine(index + 1, index % 2 === 1);
      expect(`${line}\n` === expected, `line ${index + 1}`).toBe(true);
    });
  });

  it('loses no line when the process crashes', () => {
    const { status, lines } = runWriter({ LINES: '20', END: 'throw' });
    expect(status).not.toBe(0);
    expect(lines).toEqual(numbered(20));
  });
});
