// @jsxRuntime automatic
// @jsxImportSource preact
import type { ComponentChildren } from 'preact';
import { STYLESHEET_PATH } from './styles.js';

/** Messages carried to the next page after an action (post/redirect/get). */
export interface Notices {
  readonly success?: readonly string[];
  readonly error?: readonly string[];
  readonly warning?: readonly string[];
}

/** What every page knows about the request it answers. */
export interface PageContext {
  /** The CSRF token for the page's forms. */
  readonly csrf: string;
  readonly signedIn: boolean;
  readonly notices: Notices;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

function NoticeList({ notices }: { notices: Notices }) {
  const kinds = ['success', 'warning', 'error'] as const;
  return (
    <>
      {kinds.flatMap((kind) =>
        (notices[kind] ?? []).map((text) => (
          <p class={`notice ${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
            {text}
          </p>
        )),
      )}
    </>
  );
}

export function Layout(props: { title: string; context: PageContext; children: ComponentChildren }) {
  const { context } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · mystore admin`}</title>
        <link rel="stylesheet" href={STYLESHEET_PATH} />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href="/products">
            mystore admin
          </a>
          {context.signedIn && (
            <>
              <nav aria-label="Main">
                <ul>
                  <li>
                    <a href="/products">Products</a>
                  </li>
                  <li>
                    <a href="/products/new">New product</a>
                  </li>
                  <li>
                    <a href="/import">Import CSV</a>
                  </li>
                  <li>
                    <a href="/export.csv">Export CSV</a>
                  </li>
                </ul>
              </nav>
              <form method="post" action="/sign-out">
                <CsrfField token={context.csrf} />
                <button type="submit" class="secondary">
                  Sign out
                </button>
              </form>
            </>
          )}
        </header>
        <main id="main">
          <NoticeList notices={context.notices} />
          {props.children}
        </main>
      </body>
    </html>
  );
}
