// @jsxRuntime automatic
// @jsxImportSource preact
import type { ComponentChildren } from 'preact';
import { Layout, type PageContext } from './layout.js';

/** A page that says what happened and where to go next: errors, an unreachable API, a missing product. */
export function MessagePage(props: {
  context: PageContext;
  title: string;
  children: ComponentChildren;
  link?: { href: string; text: string };
}) {
  return (
    <Layout title={props.title} context={props.context}>
      <h1>{props.title}</h1>
      {props.children}
      {props.link && (
        <p>
          <a href={props.link.href}>{props.link.text}</a>
        </p>
      )}
    </Layout>
  );
}
