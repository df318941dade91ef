/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { Product } from '../catalog-api/schemas.js';
import { formatPrice } from '../format/price.js';
import { productPath } from '../format/slug.js';
import { stockState } from '../format/stock.js';
import { listingHref } from '../links.js';
import { absoluteUrl, type Shop } from '../shop.js';
import { Document } from './document.js';
import { productImageSrc } from './product-image.js';

/** Search engines show about this many characters of a description. */
const META_DESCRIPTION_LENGTH = 155;

function metaDescription(product: Product, price: string): string {
  const text = (product.description ?? '').replace(/\s+/g, ' ').trim() || `${product.name} for ${price}.`;
  const characters = [...text];
  return characters.length <= META_DESCRIPTION_LENGTH
    ? text
    : `${characters
        .slice(0, META_DESCRIPTION_LENGTH - 1)
        .join('')
        .trimEnd()}…`;
}

export function ProductPage({ shop, product }: { shop: Shop; product: Product }) {
  const price = formatPrice(product.price, product.currency, shop.locale);
  const stock = stockState(product);
  const head = {
    title: product.category ? `${product.name} – ${product.category}` : product.name,
    description: metaDescription(product, price),
    canonical: absoluteUrl(shop, productPath(product)),
  };
  return (
    <Document shop={shop} head={head}>
      <nav class="breadcrumb" aria-label="Breadcrumb">
        <ol>
          <li>
            <a href="/">All products</a>
          </li>
          {product.category && (
            <li>
              <a href={listingHref({ category: product.category })}>{product.category}</a>
            </li>
          )}
          <li aria-current="page">{product.name}</li>
        </ol>
      </nav>
      <article class="product">
        <img
          class="product-image"
          src={productImageSrc(product.image_url, shop)}
          alt={product.name}
          width={640}
          height={480}
          fetchPriority="high"
        />
        <div class="product-info">
          <h1>{product.name}</h1>
          <p class="price product-price">{price}</p>
          <p class={`stock stock-${stock.kind}`}>{stock.label}</p>
          {product.description && <p class="description">{product.description}</p>}
          {product.category && (
            <p class="product-category">
              More in <a href={listingHref({ category: product.category })}>{product.category}</a>
            </p>
          )}
        </div>
      </article>
    </Document>
  );
}
