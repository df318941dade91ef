import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedProducts } from '@mystore/db';
import { describe, expect, it } from 'vitest';
import { IMAGES_DIR } from '../src/assets/manifest.js';
import { productArt } from './support/product-art.js';

/** `UPDATE_PRODUCT_IMAGES=1 npx vitest run services/catalog-web/test/product-images.test.ts` rewrites them. */
const UPDATE = process.env.UPDATE_PRODUCT_IMAGES === '1';

const fileOf = (imageUrl: string) => path.join(IMAGES_DIR, imageUrl.replace(/^\/images\//, ''));

describe('the seed catalog’s product images', () => {
  it('every seed image_url is a committed SVG file drawn for that product, and nothing else is there', () => {
    for (const product of seedProducts) {
      const file = fileOf(product.image_url);
      const art = productArt(product);
      if (UPDATE) writeFileSync(file, art);
      expect(existsSync(file), product.image_url).toBe(true);
      expect(readFileSync(file, 'utf8'), product.image_url).toBe(art);
    }
    const expected = seedProducts.map((product) => path.basename(product.image_url)).sort();
    expect(readdirSync(path.join(IMAGES_DIR, 'products')).sort()).toEqual(expected);
  });

  it('are small: under 1.5 KB each', () => {
    for (const product of seedProducts) {
      expect(readFileSync(fileOf(product.image_url)).length, product.image_url).toBeLessThan(1536);
    }
  });
});
