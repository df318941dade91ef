/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { Product } from '../catalog-api/schemas.js';
import { formatPrice } from '../format/price.js';
import { productPath } from '../format/slug.js';
import { stockState } from '../format/stock.js';
import type { Shop } from '../shop.js';
import { productImageSrc } from './product-image.js';

/** Cards in the first row load at once (they are what the customer sees first); the rest lazily. */
const EAGER_CARDS = 4;

export function ProductCard({ product, shop, index }: { product: Product; shop: Shop; index: number }) {
  const stock = stockState(product);
  return (
    <li class="card">
      <a class="card-link" href={productPath(product)}>
        <img
          src={productImageSrc(product.image_url, shop)}
          alt=""
          width={320}
          height={240}
          loading={index < EAGER_CARDS ? 'eager' : 'lazy'}
          decoding="async"
        />
        <h2 class="card-title">{product.name}</h2>
      </a>
      <p class="price">{formatPrice(product.price, product.currency, shop.locale)}</p>
      <p class={`stock stock-${stock.kind}`}>{stock.label}</p>
    </li>
  );
}
