/**
 * `npm run hash-password`: prints the scrypt hash of a password for ADMIN_PASSWORD_HASH. The password
 * is asked for without echo (twice), or read from standard input when that is not a terminal:
 *   printf '%s' 'the password' | npm run -s hash-password
 * It is never taken from the command line, where shell history and `ps` would keep it.
 */
import { text } from 'node:stream/consumers';
import { read } from 'read';
import { hashPassword } from '../password.js';

const MIN_LENGTH = 12;

async function askTwice(): Promise<string> {
  const first = await read({ prompt: 'Password: ', silent: true, output: process.stderr });
  const second = await read({ prompt: 'Again: ', silent: true, output: process.stderr });
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

try {
  const password = process.stdin.isTTY ? await askTwice() : (await text(process.stdin)).replace(/\r?\n$/, '');
  if (password.length < MIN_LENGTH) throw new Error(`use at least ${MIN_LENGTH} characters`);
  process.stdout.write(`${await hashPassword(password)}\n`);
} catch (error) {
  console.error(`hash-password: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
