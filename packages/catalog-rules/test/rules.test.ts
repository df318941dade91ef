import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  fieldErrorsOf,
  HttpProblem,
  listRequestOf,
  ProductWriteSchema,
  PublicProductSchema,
  publicImageUrl,
} from '../src/index.js';

// The same Ajv settings as the services' body validator (the kernel's validation.ts).
const ajv = addFormats.default(new Ajv({ allErrors: true, strict: false, verbose: true }));
const validateWrite = ajv.compile(ProductWriteSchema);
const validatePublic = ajv.compile(PublicProductSchema);
const storefront = new URL('https://www.shop.test');

const accepts = (image_url: unknown) => validateWrite({ name: 'x', price: '1.00', image_url });

describe('image URL rule', () => {
  it.each([
    '/images/a.png',
    '/a%20b.png',
    '/images/%E2%9C%93.png?v=2#top',
    'https://img.test/a.png',
    'http://img.test',
    'http://[::1]:8080/x.png',
    "https://img.test/!$&'()*+,;=:@~.png",
    null,
  ])('accepts %s, and the public form of it is a valid absolute URI', (value) => {
    expect(accepts(value), JSON.stringify(validateWrite.errors)).toBe(true);
    const served = publicImageUrl(value, storefront);
    const product = {
      id: 1,
      name: 'x',
      description: null,
      price: '1.00',
      currency: 'USD',
      category: null,
      stock_quantity: 0,
      in_stock: false,
      image_url: served,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    expect(validatePublic(product), JSON.stringify(validatePublic.errors)).toBe(true);
  });

  it.each([
    '/]',
    'http://x/a|b',
    'http://x/%zz',
    'https://a{',
    '/a b.png',
    'http://x/é.png',
    '//evil.test/a.png',
    '/\\evil.test/a.png',
    'images/a.png',
    'javascript:alert(1)',
    'ftp://img.test/a.png',
    `/${'a'.repeat(500)}`,
  ])('refuses %$, naming image_url with its rule', (value) => {
    expect(accepts(value)).toBe(false);
    const errors = fieldErrorsOf(validateWrite.errors ?? [], 'body');
    expect(errors).toEqual([
      { name: 'image_url', detail: expect.stringMatching(/^must be an absolute http\(s\) URL/) },
    ]);
  });

  it('resolves a stored path against the storefront and keeps absolute URLs as stored', () => {
    expect(publicImageUrl('/images/a.png?v=1', storefront)).toBe('https://www.shop.test/images/a.png?v=1');
    expect(publicImageUrl('https://img.test/a.png', storefront)).toBe('https://img.test/a.png');
    expect(publicImageUrl('//evil.test/a.png', storefront)).toBeNull();
    expect(publicImageUrl(null, storefront)).toBeNull();
  });
});

describe('field errors from Ajv', () => {
  it('names each invalid field once, by its description where it has one', () => {
    expect(validateWrite({ name: '', price: '1e3', colour: 'red' })).toBe(false);
    const byName = (errors: { name: string }[]) => [...errors].sort((a, b) => a.name.localeCompare(b.name));
    expect(byName(fieldErrorsOf(validateWrite.errors ?? [], 'body'))).toEqual([
      { name: 'colour', detail: 'must NOT have additional properties' },
      {
        name: 'name',
        detail: 'must be text of 1..255 characters, not only spaces, without control characters.',
      },
      {
        name: 'price',
        detail: 'must be a decimal string such as "19.99", or a JSON number with at most two decimals.',
      },
    ]);
  });

  it('joins the failed rules of a field without a description', () => {
    expect(validateWrite({ name: 'x', price: '1', stock_quantity: -1.5 })).toBe(false);
    expect(fieldErrorsOf(validateWrite.errors ?? [], 'body')).toEqual([
      { name: 'stock_quantity', detail: 'must be integer; must be >= 0' },
    ]);
  });

  it('names the whole value when no field is at fault', () => {
    expect(validateWrite('not an object')).toBe(false);
    expect(fieldErrorsOf(validateWrite.errors ?? [], 'body')).toEqual([
      { name: 'body', detail: 'must be object' },
    ]);
  });
});

describe('list query and cursor rules', () => {
  const problemOf = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof HttpProblem) return { status: error.status, errors: error.extras.errors };
      throw error;
    }
    throw new Error('no problem raised');
  };

  it('refuses min_price above max_price, naming min_price', () => {
    expect(problemOf(() => listRequestOf({ min_price: '10', max_price: '9.99' }))).toEqual({
      status: 400,
      errors: [{ name: 'min_price', detail: 'must not be greater than max_price' }],
    });
  });

  it('decodes a cursor once, for its own sort only', () => {
    const position = { value: 'Teapot', id: 7 };
    const cursor = encodeCursor('after', 'name', position);
    expect(listRequestOf({ sort: 'name', cursor }, { isActive: true })).toEqual({
      filter: {
        isActive: true,
        inStock: false,
        category: undefined,
        q: undefined,
        minPrice: undefined,
        maxPrice: undefined,
      },
      sort: 'name',
      limit: 20,
      cursor: { direction: 'after', position },
    });
    expect(problemOf(() => decodeCursor(cursor, 'price'))).toEqual({
      status: 400,
      errors: [{ name: 'cursor', detail: 'it belongs to sort=name; keep the sort when paging' }],
    });
    for (const forged of ['x', Buffer.from('{"d":"up","s":"name","v":"a","i":1}').toString('base64url')]) {
      expect(problemOf(() => decodeCursor(forged, 'name'))).toEqual({
        status: 400,
        errors: [{ name: 'cursor', detail: 'not a cursor from this API' }],
      });
    }
  });
});
