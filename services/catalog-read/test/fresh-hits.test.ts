import { describe, expect, it } from 'vitest';
import { AcceptedUrls } from '../src/routes/fresh-hits.js';

describe('AcceptedUrls', () => {
  it('maps remembered URLs to their cache keys and knows no others', () => {
    const accepted = new AcceptedUrls();
    accepted.remember('/api/v1/products?category=Kitchen', 'products?["Kitchen"]');
    expect(accepted.keyOf('/api/v1/products?category=Kitchen')).toBe('products?["Kitchen"]');
    expect(accepted.keyOf('/api/v1/products?category=kitchen')).toBeUndefined();
    expect(accepted.keyOf('/api/v1/products?category=Kitchen&')).toBeUndefined();
  });

  it('stays bounded, forgetting the oldest URL first', () => {
    const accepted = new AcceptedUrls(3);
    for (const n of [1, 2, 3, 4]) accepted.remember(`/u${n}`, `k${n}`);
    expect(accepted.size).toBe(3);
    expect(accepted.keyOf('/u1')).toBeUndefined();
    expect(accepted.keyOf('/u4')).toBe('k4');
    // Remembering a known URL again changes nothing (and evicts nothing).
    accepted.remember('/u2', 'k2');
    expect([accepted.keyOf('/u2'), accepted.keyOf('/u3'), accepted.size]).toEqual(['k2', 'k3', 3]);
  });

  it('does not remember very long URLs', () => {
    const accepted = new AcceptedUrls();
    const long = `/api/v1/products?q=${'x'.repeat(2000)}`;
    accepted.remember(long, 'key');
    expect(accepted.keyOf(long)).toBeUndefined();
    expect(accepted.size).toBe(0);
  });
});
