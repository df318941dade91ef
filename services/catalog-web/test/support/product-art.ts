/**
 * The seed catalog's product pictures: small SVG drawings, one per product, made from its category
 * (a drawing and a colour) and its SKU (a shade and a pattern), so the demo looks like a shop offline.
 * `test/product-images.test.ts` checks the committed files against this and rewrites them when asked.
 */

interface CategoryArt {
  /** What the drawing shows (the SVG's title). */
  readonly subject: string;
  readonly hue: number;
  /** Drawn in the 320×240 picture's centre, filled with the darker shade. */
  readonly drawing: string;
}

const ART: Readonly<Record<string, CategoryArt>> = {
  Kitchen: {
    subject: 'A cooking pot',
    hue: 18,
    drawing:
      '<rect x="105" y="105" width="110" height="70" rx="12"/><rect x="95" y="92" width="130" height="14" rx="7"/>' +
      '<rect x="150" y="80" width="20" height="12" rx="4"/><rect x="75" y="118" width="30" height="10" rx="5"/>' +
      '<rect x="215" y="118" width="30" height="10" rx="5"/>',
  },
  'Coffee & Tea': {
    subject: 'A steaming cup',
    hue: 28,
    drawing:
      '<path d="M110 100h90v45a35 35 0 0 1-35 35h-20a35 35 0 0 1-35-35z"/>' +
      '<path d="M200 112h12a18 18 0 0 1 0 36h-12v-10h12a8 8 0 0 0 0-16h-12z"/>' +
      '<path d="M135 88c-8-12 8-18 0-30M160 88c-8-12 8-18 0-30M185 88c-8-12 8-18 0-30" fill="none" stroke-width="6" stroke-linecap="round"/>',
  },
  'Home Decor': {
    subject: 'A table lamp',
    hue: 265,
    drawing:
      '<path d="M125 70h70l25 60h-120z"/><rect x="155" y="130" width="10" height="45"/><rect x="125" y="175" width="70" height="12" rx="6"/>',
  },
  Garden: {
    subject: 'A potted plant',
    hue: 110,
    drawing:
      '<path d="M125 140h70l-10 45h-50z"/><path d="M160 140c-30-10-45-40-35-70 25 10 40 35 35 70z"/>' +
      '<path d="M160 140c25-15 50-20 60-50-30 0-55 20-60 50z"/>',
  },
  Outdoor: {
    subject: 'A tent under the sun',
    hue: 200,
    drawing:
      '<circle cx="235" cy="70" r="22"/><path d="M90 185l70-115 70 115z"/><path d="M160 185l-18-45h36z" fill="#fff" fill-opacity=".55"/>',
  },
  Stationery: {
    subject: 'A pencil',
    hue: 45,
    drawing:
      '<path d="M95 160l95-95 25 25-95 95-35 10z"/><path d="M190 65l12-12a10 10 0 0 1 14 0l11 11a10 10 0 0 1 0 14l-12 12z"/>',
  },
  'Toys & Games': {
    subject: 'A die',
    hue: 340,
    drawing:
      '<rect x="112" y="72" width="96" height="96" rx="18"/>' +
      '<g fill="#fff"><circle cx="137" cy="97" r="9"/><circle cx="160" cy="120" r="9"/><circle cx="183" cy="143" r="9"/>' +
      '<circle cx="183" cy="97" r="9"/><circle cx="137" cy="143" r="9"/></g>',
  },
  'Bath & Body': {
    subject: 'A bottle',
    hue: 180,
    drawing:
      '<rect x="130" y="95" width="60" height="90" rx="14"/><rect x="148" y="75" width="24" height="22" rx="4"/>' +
      '<rect x="140" y="62" width="40" height="14" rx="5"/><rect x="140" y="125" width="40" height="30" rx="4" fill="#fff" fill-opacity=".6"/>',
  },
};

const FALLBACK: CategoryArt = {
  subject: 'A product',
  hue: 150,
  drawing: '<circle cx="160" cy="120" r="50"/>',
};

/** A small, stable number from a text (FNV-1a), for shades and patterns. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash;
}

export function productArt(product: { readonly sku: string; readonly category: string }): string {
  const art = ART[product.category] ?? FALLBACK;
  const hash = hashOf(product.sku);
  const hue = (art.hue + (hash % 41) - 20 + 360) % 360;
  const light = `hsl(${hue} 55% ${88 - (hash % 7)}%)`;
  const dark = `hsl(${hue} 45% ${30 + ((hash >> 3) % 8)}%)`;
  // A few soft circles in the background, placed by the SKU so neighbours in a grid differ.
  const circles = [0, 1, 2]
    .map((i) => {
      const bits = hash >>> (i * 9);
      return `<circle cx="${bits % 320}" cy="${(bits >> 4) % 240}" r="${30 + ((bits >> 2) % 50)}"/>`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 240"><title>${art.subject}</title>` +
    `<rect width="320" height="240" fill="${light}"/>` +
    `<g fill="#fff" fill-opacity=".35">${circles}</g>` +
    `<g fill="${dark}" stroke="${dark}">${art.drawing}</g></svg>\n`
  );
}
