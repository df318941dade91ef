/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { CategoryList } from '../catalog-api/schemas.js';
import { listingHref } from '../links.js';

function Count({ count }: { count: number }) {
  return <span class="count">{count}</span>;
}

/** Every category with its number of products; the current one is marked for assistive technology. */
export function CategoryNav({ categories, current }: { categories: CategoryList; current?: string }) {
  const all = categories.reduce((sum, category) => sum + category.product_count, 0);
  return (
    <nav class="categories" aria-labelledby="categories-heading">
      <h2 id="categories-heading">Categories</h2>
      <ul>
        <li>
          <a href="/" aria-current={current === undefined ? 'page' : undefined}>
            All products <Count count={all} />
          </a>
        </li>
        {categories.map((category) => (
          <li key={category.name}>
            <a
              href={listingHref({ category: category.name })}
              aria-current={current === category.name ? 'page' : undefined}
            >
              {category.name} <Count count={category.product_count} />
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
