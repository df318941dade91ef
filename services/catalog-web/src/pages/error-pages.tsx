/** @jsxRuntime automatic */
/** @jsxImportSource preact */
import type { FieldError } from '@mystore/catalog-rules';
import type { ComponentChildren } from 'preact';
import type { Shop } from '../shop.js';
import { Document } from './document.js';

function ErrorPage({ shop, title, children }: { shop: Shop; title: string; children: ComponentChildren }) {
  return (
    <Document shop={shop} head={{ title, description: title, noindex: true }}>
      <section class="message">
        <h1>{title}</h1>
        {children}
      </section>
    </Document>
  );
}

/** 404: an unknown address or a product that is gone. */
export function NotFoundPage({ shop }: { shop: Shop }) {
  return (
    <ErrorPage shop={shop} title="We couldn’t find that page">
      <p>The product may no longer be sold, or the address may be mistyped.</p>
      <p>
        <a class="button" href="/">
          Browse all products
        </a>
      </p>
    </ErrorPage>
  );
}

/** 503: catalog-read did not answer in time (the page says when to try again). */
export function UnavailablePage({ shop, retryHref }: { shop: Shop; retryHref: string }) {
  return (
    <ErrorPage shop={shop} title="The catalog is temporarily unavailable">
      <p>We can’t load our products right now. Please try again in a few seconds.</p>
      <p>
        <a class="button" href={retryHref}>
          Try again
        </a>
      </p>
    </ErrorPage>
  );
}

/** 400: a listing address with parameters the catalog does not take; each one is named. */
export function BadRequestPage({ shop, errors }: { shop: Shop; errors: readonly FieldError[] }) {
  return (
    <ErrorPage shop={shop} title="We couldn’t use those filters">
      {errors.length > 0 && (
        <ul class="errors">
          {errors.map((error) => (
            <li key={error.name}>
              <strong>{error.name}</strong>: {error.detail}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button" href="/">
          Show all products
        </a>
      </p>
    </ErrorPage>
  );
}
