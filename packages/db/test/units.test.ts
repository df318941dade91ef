import { describe, expect, it } from 'vitest';
import {
  centsToDecimal,
  computeReplicaLag,
  DatabaseUrlError,
  decimalToCents,
  isValidPrice,
  normalizeDecimal,
  parseDatabaseUrl,
  redactDatabaseUrl,
  searchTerms,
  toIsoUtc,
} from '../src/index.js';

describe('parseDatabaseUrl', () => {
  it('reads mysql URLs with encoded credentials', () => {
    expect(parseDatabaseUrl('mysql://app%40x:p%3Ass@db.example:3307/shop')).toEqual({
      kind: 'mysql',
      host: 'db.example',
      port: 3307,
      user: 'app@x',
      password: 'p:ss',
      database: 'shop',
    });
    expect(parseDatabaseUrl('mysql://u@h/db')).toMatchObject({ port: 3306, password: '' });
  });

  it('resolves relative sqlite paths against the data dir', () => {
    expect(parseDatabaseUrl('sqlite:catalog.db', '/data')).toEqual({
      kind: 'sqlite',
      file: '/data/catalog.db',
    });
    expect(parseDatabaseUrl('sqlite:/abs/x.db', '/data')).toEqual({ kind: 'sqlite', file: '/abs/x.db' });
    expect(parseDatabaseUrl('sqlite:///abs/x.db', '/data')).toEqual({ kind: 'sqlite', file: '/abs/x.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', file: ':memory:' });
  });

  it.each([
    ['postgres://u:secret@h/db', /unsupported scheme 'postgres'/],
    ['not a url', /not a URL/],
    ['mysql://u:secret@h', /needs a database name/],
    ['mysql://h:3306/db', /needs a user/],
    ['sqlite:', /needs a file path/],
  ])('rejects %s with a message naming the problem, never the password', (url, message) => {
    const attempt = () => parseDatabaseUrl(url);
    expect(attempt).toThrow(DatabaseUrlError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('redacts passwords', () => {
    expect(redactDatabaseUrl('mysql://app:s3cr%2Ft@db:3306/x')).toBe('mysql://app:***@db:3306/x');
    expect(redactDatabaseUrl('sqlite:x.db')).toBe('sqlite:x.db');
  });
});

describe('money', () => {
  it('converts exactly between decimal strings and cents', () => {
    expect(decimalToCents('19.99')).toBe(1999);
    expect(decimalToCents('0.1')).toBe(10);
    expect(decimalToCents('99999999.99')).toBe(9_999_999_999);
    expect(centsToDecimal(5)).toBe('0.05');
    expect(normalizeDecimal('7')).toBe('7.00');
  });

  it.each(['-1', '1e3', '1.999', '100000000', 'NaN', 'Infinity', '', ' 1', '01', '1.', '.5', '0x10'])(
    'rejects %j',
    (value) => {
      expect(isValidPrice(value)).toBe(false);
      expect(() => decimalToCents(value)).toThrow(RangeError);
    },
  );
});

describe('searchTerms', () => {
  it('keeps words of three or more letters or digits, lowercased, without operators', () => {
    expect(searchTerms('Stainless-steel   MUG!')).toEqual(['stainless', 'steel', 'mug']);
    expect(searchTerms('+bamboo -organic "tea" ~x* @@ (mug) <cup>')).toEqual([
      'bamboo',
      'organic',
      'tea',
      'mug',
      'cup',
    ]);
    expect(searchTerms('Crème brûlée')).toEqual(['crème', 'brûlée']);
  });

  it('drops stopwords, short words and duplicates, and bounds the number of terms', () => {
    expect(searchTerms('the a of mug MUG')).toEqual(['mug']);
    expect(searchTerms('')).toEqual([]);
    expect(searchTerms('one two three four five six seven eight nine ten')).toHaveLength(8);
  });
});

describe('computeReplicaLag', () => {
  const now = 1_000_000;
  it('measures how far the replica trails the primary', () => {
    expect(
      computeReplicaLag({ beatAtMs: now - 200, nowMs: now }, { beatAtMs: now - 3200, nowMs: now }),
    ).toEqual({
      state: 'known',
      seconds: 3,
    });
  });
  it('is unknown when the primary heartbeat is stale or missing', () => {
    expect(
      computeReplicaLag({ beatAtMs: now - 6000, nowMs: now }, { beatAtMs: now - 9000, nowMs: now }),
    ).toMatchObject({ state: 'unknown' });
    expect(computeReplicaLag(undefined, undefined)).toMatchObject({ state: 'unknown' });
    expect(computeReplicaLag({ beatAtMs: now, nowMs: now }, undefined)).toMatchObject({ state: 'unknown' });
  });
});

describe('toIsoUtc', () => {
  it('reads both drivers’ timestamp forms as UTC', () => {
    expect(toIsoUtc('2026-01-02 03:04:05')).toBe('2026-01-02T03:04:05.000Z');
    expect(toIsoUtc('2026-01-02 03:04:05.678')).toBe('2026-01-02T03:04:05.678Z');
    expect(toIsoUtc(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('2026-01-02T03:04:05.000Z');
  });
});
