import fc from 'fast-check';
import { jsonObjectText } from './harness.js';

/**
 * Generators of request bodies as JSON *text*: numbers are written exactly as a client could write
 * them (exponents, many decimals, huge integers, -0), which JSON.stringify of a JS number cannot.
 */

const MAX_STOCK = 2_147_483_647;
const BOUNDARY_LENGTHS = [
  0, 1, 2, 63, 64, 65, 99, 100, 101, 254, 255, 256, 499, 500, 501, 9_999, 10_000, 10_001,
];

/** Unicode that stresses storage: multibyte, astral, combining, RTL, zero-width, lone surrogates. */
const UNICODE = [
  'é',
  'ß',
  'Ж',
  '中',
  '𝄞',
  '😀',
  'e\u0301',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '\u2028',
];

/** A plain decimal: integer part and a fraction of 0..7 digits. */
const decimalText = fc
  .tuple(
    fc.oneof(fc.nat({ max: 99 }), fc.nat({ max: 99_999_999 }), fc.constantFrom(99_999_999, 100_000_000)),
    fc.stringMatching(/^\d{0,7}$/),
    fc.boolean(),
  )
  .map(([whole, fraction, negative]) => `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`);

/** JSON number text of every shape. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: -MAX_STOCK - 2, max: MAX_STOCK + 2 }).map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  decimalText,
  fc
    .tuple(decimalText, fc.constantFrom('e', 'E', 'e+', 'e-', 'E-'), fc.nat({ max: 400 }))
    .map(([mantissa, marker, exponent]) => `${mantissa}${marker}${exponent}`),
  fc.constantFrom(
    '0',
    '-0',
    '0.0',
    '-0.00',
    '0.001',
    '19.999',
    '99999999.99',
    '99999999.991',
    '100000000',
    '2147483647',
    '2147483648',
    '-2147483647',
    '-2147483648',
    '9007199254740991',
    '9007199254740993',
    '1e3',
    '1E2',
    '1.5e0',
    '1e-2',
    '5.00',
  ),
);

/** URL-like text: accepted, refused, and not RFC 3986 URIs that a browser would mend. */
const urlLike = fc.constantFrom(
  '/images/a.png',
  '/\\evil.test/a.png',
  '//evil.test/a.png',
  'https://img.test/a.png',
  'http://x',
  'javascript:alert(1)',
  'data:image/png;base64,AAAA',
  `/${'p'.repeat(499)}`,
  `https://img.test/${'p'.repeat(483)}`,
  // Not RFC 3986 URIs: a browser may mend them, a URI parser (and so a response schema) does not.
  '/]',
  'http://x/a|b',
  'http://x/%zz',
  'https://a{',
  '/a b.png',
  'http://x/é.png',
  '/images/[1].png',
  'https://img.test/a.png#frag#ment',
);

/** Strings: arbitrary, boundary lengths of awkward characters, number-like and URL-like text. */
export const stringValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.constantFrom(...BOUNDARY_LENGTHS), fc.constantFrom('x', ' ', 'é', '𝄞', '\u0000', 'A', '9'))
    .map(([length, char]) => char.repeat(length)),
  fc.array(fc.constantFrom(...UNICODE, 'a', ' '), { maxLength: 12 }).map((chars) => chars.join('')),
  numberText,
  fc.constantFrom('NaN', 'Infinity', '-Infinity', ' 1.00', '1.00 ', '1,00', '$5', '0x10', '1_000', ''),
  urlLike,
  fc.stringMatching(/^[A-Za-z0-9._-]{1,70}$/),
);

export const stringText = stringValue.map((value) => JSON.stringify(value));

/** Any JSON value as text, including nested structures. */
export const anyValueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: numberText },
  { weight: 3, arbitrary: stringText },
  { weight: 2, arbitrary: fc.constantFrom('true', 'false', 'null') },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(numberText, { maxLength: 3 }).map((items) => `[${items.join(',')}]`) },
);

/** Hostile values for each field: near what it accepts, and anything else. */
const hostileValue: Record<string, fc.Arbitrary<string>> = {
  name: fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }).map((value) => JSON.stringify(value)),
    stringText,
    anyValueText,
  ),
  description: fc.oneof(stringText, anyValueText),
  price: fc.oneof(
    numberText,
    numberText.map((text) => JSON.stringify(text)),
    fc
      .tuple(fc.nat({ max: 99_999_999 }), fc.stringMatching(/^\d{0,3}$/))
      .map(([whole, fraction]) => (fraction ? `${whole}.${fraction}` : String(whole)))
      .chain((text) => fc.constantFrom(text, JSON.stringify(text))),
    anyValueText,
  ),
  category: fc.oneof(stringText, anyValueText),
  stock_quantity: fc.oneof(numberText, stringText, anyValueText),
  image_url: fc.oneof(
    { weight: 2, arbitrary: urlLike.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: stringText },
    { weight: 1, arbitrary: anyValueText },
  ),
  is_active: fc.oneof(fc.constantFrom('1', '0', '"true"', '"false"', '[]', '{}'), anyValueText),
  sku: fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._-]{60,70}$/).map((value) => JSON.stringify(value)),
    stringText,
    anyValueText,
  ),
};

/** admin-write's name rule: some non-space character and no control character. */
const isValidName = (value: string) =>
  /\S/.test(value) && [...value].every((char) => char.codePointAt(0)! > 0x1f && char !== '\u007f');
const codePoints = (value: string) => [...value].length;

/** Values each field accepts, boundaries included (as JSON text). */
const validValue: Record<string, fc.Arbitrary<string>> = {
  name: fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
      fc.constantFrom('x', 'n'.repeat(255), '𝄞'.repeat(255), '  padded  ', 'Crème brûlée', 'a"b\\c'),
    )
    .filter((value) => isValidName(value) && codePoints(value) <= 255)
    .map((value) => JSON.stringify(value)),
  description: fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: 60 }),
      fc.constantFrom('', 'd'.repeat(10_000), 'é'.repeat(10_000), '😀'.repeat(10_000)),
    )
    .map((value) => JSON.stringify(value))
    .chain((text) => fc.constantFrom(text, text, 'null')),
  price: fc.oneof(
    fc
      .tuple(
        fc.oneof(fc.nat({ max: 999 }), fc.nat({ max: 99_999_999 })),
        fc.stringMatching(/^\d{0,2}$/),
        fc.boolean(),
      )
      .map(([whole, fraction, quoted]) => {
        const text = fraction ? `${whole}.${fraction}` : String(whole);
        return quoted ? JSON.stringify(text) : text;
      }),
    fc.constantFrom('"99999999.99"', '99999999.99', '0', '"0"', '0.0', '"0.5"', '-0', '1.10', '0.29'),
  ),
  category: fc
    .oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      fc.constantFrom('C'.repeat(100), 'Kitchen'),
    )
    .filter((value) => codePoints(value) >= 1 && codePoints(value) <= 100)
    .map((value) => JSON.stringify(value))
    .chain((text) => fc.constantFrom(text, text, 'null')),
  stock_quantity: fc
    .oneof(fc.nat({ max: 1000 }), fc.integer({ min: 0, max: MAX_STOCK }), fc.constant(MAX_STOCK))
    .map(String),
  image_url: fc.constantFrom(
    '"/images/a.png"',
    '"https://img.test/x.png"',
    '"http://x"',
    '"/a%20b.png"',
    '"/images/%E2%9C%93.png?v=2#top"',
    '"https://img.test/a?x=1&y=(2)#f"',
    '"http://[::1]:8080/x.png"',
    JSON.stringify("https://img.test/!$&'()*+,;=:@~.png"),
    JSON.stringify(`/${'p'.repeat(499)}`),
    JSON.stringify(`https://img.test/${'p'.repeat(483)}`),
    'null',
  ),
  is_active: fc.constantFrom('true', 'false'),
  sku: fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9._-]{8,64}$/).map((value) => JSON.stringify(value)),
    fc.constant('null'),
  ),
};
export const PRODUCT_FIELDS = Object.keys(validValue);

type Member = readonly [string, string] | undefined;

/**
 * One member per field: mostly a valid value or absent, sometimes a hostile one (so about half the
 * bodies are accepted and the rest are refused for one or two fields), sometimes an unknown member.
 */
function productBody(required: readonly string[], atLeastOne: boolean): fc.Arbitrary<string> {
  const member = (field: string): fc.Arbitrary<Member> =>
    fc.oneof(
      {
        weight: required.includes(field) ? 12 : 5,
        arbitrary: validValue[field]!.map((text) => [field, text] as const),
      },
      { weight: required.includes(field) ? 0 : 4, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: hostileValue[field]!.map((text) => [field, text] as const) },
      { weight: required.includes(field) ? 1 : 0, arbitrary: fc.constant(undefined) },
    );
  const unknown: fc.Arbitrary<Member> = fc.oneof(
    { weight: 9, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.tuple(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'version', '__proto__', 'constructor')),
        anyValueText,
      ),
    },
  );
  return fc
    .tuple(...PRODUCT_FIELDS.map(member), unknown)
    .map((members) => members.filter((entry): entry is readonly [string, string] => entry !== undefined))
    .filter((members) => !atLeastOne || members.length > 0)
    .chain((members) => fc.shuffledSubarray(members, { minLength: members.length }))
    .map((members) => {
      const fragments: Record<string, string> = {};
      for (const [key, text] of members) {
        if (!Object.hasOwn(fragments, key))
          Object.defineProperty(fragments, key, { value: text, enumerable: true });
      }
      return jsonObjectText(fragments);
    });
}

/** POST and PUT bodies (name and price required). */
export const fullBodyText = productBody(['name', 'price'], false);
/** PATCH bodies (any non-empty subset). */
export const patchBodyText = productBody([], true);

/** Bodies for POST /stock: delta of every shape, sometimes extra members. */
export const stockBodyText: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .oneof(numberText, fc.integer({ min: -50, max: 50 }).map(String))
      .map((delta) => `{"delta":${delta}}`),
  },
  { weight: 1, arbitrary: anyValueText.map((delta) => `{"delta":${delta}}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(numberText, fc.string({ maxLength: 8 }), anyValueText)
      .map(([delta, key, value]) => `{"delta":${delta},${JSON.stringify(key)}:${value}}`),
  },
);

/** Anything at all: arbitrary JSON documents, JS values as JSON, and text that is not JSON. */
export const arbitraryBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.json({ maxDepth: 3 }),
  fc.anything({ maxDepth: 2 }).map((value) => {
    try {
      return JSON.stringify(value) ?? 'null';
    } catch {
      return 'null';
    }
  }),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** What the fuzz sends to product writes: mostly biased objects, sometimes anything. */
export const writeBodyText = (kind: 'full' | 'patch') =>
  fc.oneof(
    { weight: 5, arbitrary: kind === 'full' ? fullBodyText : patchBodyText },
    { weight: 1, arbitrary: arbitraryBodyText },
  );

/** Every UTF-8 byte percent-encoded (encodeURIComponent throws on a lone surrogate). */
const percentEncoded = (value: string) =>
  [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** A query string for GET /api/admin/products: real parameters with odd values, unknown ones, cursors. */
const cursorText = fc
  .tuple(
    fc.constantFrom('after', 'before', 'sideways'),
    fc.constantFrom('name', 'price', '-price', 'newest', 'random'),
    fc.oneof(
      stringValue,
      fc.constantFrom(
        '0000-00-00 00:00:00',
        '9999-99-99 99:99:99',
        '2024-02-30 25:61:61',
        '99999999.99',
        '0.00',
      ),
    ),
    fc.oneof(fc.integer(), fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 0)),
  )
  .map(([d, s, v, i]) => Buffer.from(JSON.stringify({ d, s, v, i })).toString('base64url'));

export const listQuery: fc.Arbitrary<{ query: string; sort: string }> = fc
  .tuple(
    fc.constantFrom('name', 'price', '-price', 'newest'),
    fc.array(
      fc.tuple(
        fc.constantFrom(
          'category',
          'q',
          'min_price',
          'max_price',
          'in_stock',
          'is_active',
          'limit',
          'cursor',
          'sort',
          'x',
        ),
        fc.oneof(stringValue, numberText, fc.constantFrom('true', 'false', '1', ''), cursorText),
      ),
      { maxLength: 4 },
    ),
    fc.option(cursorText, { freq: 2 }),
  )
  .map(([sort, pairs, cursor]) => {
    const parts = [`sort=${sort}`];
    for (const [key, value] of pairs) parts.push(`${key}=${percentEncoded(value)}`);
    if (cursor) parts.push(`cursor=${cursor}`);
    return { query: parts.join('&'), sort };
  });

/**
 * A minimal valid product with `field` set to a valid, edge or invalid value (about half each), so each
 * field's rule is probed on its own, however rarely the mixed bodies reach it.
 */
export const oneFieldBodyText = (field: string): fc.Arbitrary<string> =>
  fc
    .oneof(validValue[field]!, hostileValue[field]!)
    .map((text) => jsonObjectText({ name: '"One field"', price: '"1.00"', [field]: text }));
