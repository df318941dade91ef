import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * scrypt's cost (OWASP's Password Storage Cheat Sheet minimum: N = 2^17, r = 8, p = 1). Each check
 * takes 128 MiB and a few hundred milliseconds, which is what makes a stolen hash expensive to guess.
 */
export const DEFAULT_COST = { logN: 17, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** A password hash in the PHC string format: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (unpadded base64). */
export interface PasswordHash {
  readonly logN: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

const PHC_SCRYPT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,})\$([A-Za-z0-9+/]{32,})$/;

/** The hash as written in ADMIN_PASSWORD_HASH, or an Error saying what is wrong with it. */
export function parsePasswordHash(text: string): PasswordHash {
  const match = PHC_SCRYPT.exec(text.trim());
  if (!match) throw new Error('must be $scrypt$ln=<n>,r=<r>,p=<p>$<salt>$<hash> (npm run hash-password)');
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (logN < 10 || logN > 22 || r < 1 || p < 1) throw new Error('has scrypt parameters out of range');
  return { logN, r, p, salt: Buffer.from(match[4]!, 'base64'), hash: Buffer.from(match[5]!, 'base64') };
}

/** Memory scrypt needs for these parameters (128·N·r bytes), with room to spare. */
const maxmemOf = (logN: number, r: number) => 256 * 2 ** logN * r;

async function derive(
  password: string,
  salt: Buffer,
  cost: { logN: number; r: number; p: number },
  length: number,
) {
  return scrypt(password.normalize('NFC'), salt, length, {
    N: 2 ** cost.logN,
    r: cost.r,
    p: cost.p,
    maxmem: maxmemOf(cost.logN, cost.r),
  });
}

const unpadded = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

/** A new hash of `password` with a random salt, in the PHC format parsePasswordHash reads. */
export async function hashPassword(
  password: string,
  cost: { logN: number; r: number; p: number } = DEFAULT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost, HASH_BYTES);
  return `$scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${unpadded(salt)}$${unpadded(hash)}`;
}

/** Whether `password` matches; the comparison takes the same time wherever the two differ. */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const candidate = await derive(password, stored.salt, stored, stored.hash.length);
  return timingSafeEqual(candidate, stored.hash);
}
