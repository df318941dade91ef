import slugify from '@sindresorhus/slugify';

const MAX_SLUG_LENGTH = 80;

/** The readable part of a product URL: the name transliterated to lowercase ASCII words. */
export function slugOf(name: string): string {
  const slug = slugify(name).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
  return slug || 'product';
}

/** A product page's path: its id (what identifies it) and the slug of its current name. */
export function productPath(product: { readonly id: number; readonly name: string }): string {
  return `/products/${product.id}/${slugOf(product.name)}`;
}
