import { describe, expect, it } from 'vitest';
import { newRequestId, requestIdOf } from '../src/request-id.js';

describe('request ids', () => {
  it('are 32 hex digits, distinct across draws from the random source', () => {
    const ids = Array.from({ length: 1000 }, () => newRequestId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keep a plain incoming x-request-id and replace anything else', () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'edge-01:abc.9_z' } })).toBe('edge-01:abc.9_z');
    for (const incoming of ['a"b', 'x'.repeat(65), '', 'a b', 'é']) {
      expect(requestIdOf({ headers: { 'x-request-id': incoming } })).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(requestIdOf({ headers: {} })).toMatch(/^[0-9a-f]{32}$/);
  });
});
