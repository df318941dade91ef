/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import type { Shop } from '../shop.js';

export interface Head {
  /** The page's own title; the shop's name is added. */
  readonly title: string;
  readonly description: string;
  /** Absolute canonical URL; none for pages that are not to be indexed on their own. */
  readonly canonical?: string;
  /** Search results, later pages and error pages: follow the links, do not index the page. */
  readonly noindex?: boolean;
}

export interface DocumentProps {
  readonly shop: Shop;
  readonly head: Head;
  /** The search box's text: what the customer searched for. */
  readonly search?: string;
  readonly children: ComponentChildren;
}

/** Every page's frame: head, skip link, header with search, main, footer. */
export function Document({ shop, head, search, children }: DocumentProps) {
  return (
    <html lang={shop.locale.split('-')[0]}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${head.title} | ${shop.name}`}</title>
        <meta name="description" content={head.description} />
        {head.canonical && <link rel="canonical" href={head.canonical} />}
        {head.noindex && <meta name="robots" content="noindex, follow" />}
        <meta name="theme-color" content="#1f4d3f" />
        <link rel="icon" href={shop.assets.icon} type="image/svg+xml" />
        <link rel="stylesheet" href={shop.assets.stylesheet} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <div class="site-header-inner">
            <a class="brand" href="/">
              {shop.name}
            </a>
            <search class="search">
              <form action="/" method="get">
                <label class="visually-hidden" for="search-q">
                  Search products
                </label>
                <input
                  id="search-q"
                  type="search"
                  name="q"
                  value={search ?? ''}
                  maxLength={200}
                  placeholder="Search products"
                  autoComplete="off"
                />
                <button type="submit">Search</button>
              </form>
            </search>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            {shop.name} · Prices in {shop.currency} · <a href="/sitemap.xml">Sitemap</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
