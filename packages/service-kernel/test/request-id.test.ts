import { describe, expect, it } from 'vitest';
import { requestIdOf } from '../src/request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('keep a plain incoming x-request-id and replace anything else with a new UUID', () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'edge-01:abc.9_z' } })).toBe('edge-01:abc.9_z');
    for (const incoming of ['a"b', 'x'.repeat(65), '', 'a b', 'é']) {
      expect(requestIdOf({ headers: { 'x-request-id': incoming } })).toMatch(UUID);
    }
    const made = Array.from({ length: 100 }, () => requestIdOf({ headers: {} }));
    for (const id of made) expect(id).toMatch(UUID);
    expect(new Set(made).size).toBe(made.length);
  });
});
