import type { ProductInput } from '@mystore/db';

/** Text meant to break out of HTML text, attributes and URLs; every one must be shown as written. */
export const HOSTILE_TEXTS = [
  '<script>alert("name")</script>',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='alert(1)' x='",
  'javascript:alert(document.cookie)',
  '</title><script>alert(1)</script>',
  '<!-- <style>body{display:none}</style> -->',
  '&lt;b&gt;already escaped&lt;/b&gt; &amp; &#x3C;',
  '\u202Egnp.exe  ‮ RTL override, zero\u200Bwidth, 𝕏 emoji 🧨, e\u0301 decomposed',
];

/** Products with those texts in every field a page shows, within the catalog's rules. */
export function hostileProducts(category: string): ProductInput[] {
  return [
    ...HOSTILE_TEXTS.map((text, index) => ({
      name: `${text} #${index}`,
      description: `${text}\n<iframe src="javascript:alert(1)"></iframe>`,
      price: '1.00',
      category,
      stock_quantity: 2,
      image_url: `https://img.example/p.png?a=${index}&b=%22onerror%3D`,
    })),
    {
      name: `Long ${'Ü'.repeat(250)}`,
      description: 'x'.repeat(10_000),
      price: '2.00',
      category,
      stock_quantity: 1,
    },
    // Stored by a hand that bypassed the admin API's rules: catalog-read serves no image for it.
    { name: 'Script image', price: '3.00', category, image_url: 'javascript:alert(1)', stock_quantity: 1 },
  ];
}

/** Search text meant to break out of the search box, the heading and the pagination links. */
export const HOSTILE_SEARCHES = [
  ...HOSTILE_TEXTS,
  `${'long '.repeat(39)}words`,
  '" autofocus onfocus="alert(1)',
];
