import type { ServiceInstance } from '@mystore/service-kernel';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Type } from 'typebox';
import { type CallContext, callContextOf } from '../catalog-api/call-context.js';
import type { CatalogApi } from '../catalog-api/client.js';
import { CatalogUnavailableError } from '../catalog-api/errors.js';
import type { Product } from '../catalog-api/schemas.js';
import { productPath } from '../format/slug.js';
import { listingHref } from '../links.js';
import { absoluteUrl, type Shop } from '../shop.js';
import type { StorefrontOptions } from './options.js';
import { sendPage } from './send-page.js';

/** A sitemap holds at most 50,000 URLs (sitemaps.org). */
const MAX_SITEMAP_URLS = 50_000;
const PAGE_SIZE = 100;

const NoQuery = Type.Object({}, { additionalProperties: false });

interface SitemapData {
  readonly paths: string[];
  readonly etags: (string | undefined)[];
}

/** Every category and every active product, paging through the API's list. */
async function sitemapData(api: CatalogApi, call: CallContext): Promise<SitemapData> {
  const categories = await api.categories(call);
  if (categories.status !== 200) throw new CatalogUnavailableError('catalog-read has no categories list');
  const paths = ['/', ...categories.value.map((category) => listingHref({ category: category.name }))];
  const etags = [categories.etag];
  const products: Product[] = [];
  let cursor: string | undefined;
  do {
    const search = new URLSearchParams({ limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
    const page = await api.products(search, call);
    if (page.status !== 200) throw new CatalogUnavailableError('catalog-read refused the sitemap listing');
    products.push(...page.value.items);
    etags.push(page.etag);
    cursor = page.value.next_cursor ?? undefined;
  } while (cursor && paths.length + products.length < MAX_SITEMAP_URLS);
  paths.push(...products.map(productPath));
  return { paths: paths.slice(0, MAX_SITEMAP_URLS), etags };
}

/** The sitemap as XML; preact escapes the text as it does in pages. */
function sitemapXml(shop: Shop, paths: readonly string[]): string {
  const urls = paths.map((path) => h('url', null, h('loc', null, absoluteUrl(shop, path))));
  const urlset = h('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, urls);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderToString(urlset)}`;
}

/** robots.txt and sitemap.xml, for search engines. */
export async function seoRoutes(app: ServiceInstance, options: StorefrontOptions): Promise<void> {
  const { api, shop } = options;
  const robots = `User-agent: *\nAllow: /\nSitemap: ${absoluteUrl(shop, '/sitemap.xml')}\n`;
  app.get(
    '/robots.txt',
    { schema: { querystring: NoQuery, response: { 200: Type.String() } } },
    async (_request, reply) =>
      reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robots),
  );
  app.get(
    '/sitemap.xml',
    { schema: { querystring: NoQuery, response: { 200: Type.String() } } },
    async (request, reply) => {
      const { paths, etags } = await sitemapData(api, callContextOf(request));
      return sendPage(request, reply, options, {
        key: 'sitemap',
        parts: etags,
        contentType: 'application/xml; charset=utf-8',
        render: () => sitemapXml(shop, paths),
      });
    },
  );
}
