import { type SeedProduct, searchTerms } from '../../src/index.js';

/** Folds case and accents, as both databases' search does. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * What a search must return, computed independently of any database: every term is a prefix of some
 * word of the name or description.
 */
export function expectedSearchSkus(products: readonly SeedProduct[], q: string): string[] {
  const terms = searchTerms(q).map(fold);
  if (terms.length === 0) return [];
  return products
    .filter((product) => product.is_active)
    .filter((product) => {
      const words = fold(`${product.name} ${product.description}`).match(/[\p{L}\p{N}]+/gu) ?? [];
      return terms.every((term) => words.some((word) => word.startsWith(term)));
    })
    .map((product) => product.sku)
    .sort();
}

/** Searches checked on both dialects: plain words, prefixes, accents, stopwords and hostile punctuation. */
export const FIXED_SEARCHES: readonly string[] = [
  'ceramic',
  'Bamboo',
  'organic lavender',
  'stainless steel',
  'wood',
  'espresso cups',
  'puzzle',
  'notebook',
  'CERAMIC mug',
  'cafe',
  'café',
  'the',
  'a',
  'ceramic" OR 1=1 --',
  "'; DROP TABLE products; --",
  '+bamboo -organic',
  '"unterminated',
  '@@@',
  '*',
  '(mug)',
  '~lavender<>',
  'ceramic*',
  'tea @ home',
  '\\',
  '%_',
];
