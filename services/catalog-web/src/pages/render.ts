import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A page as the HTML document sent to the browser (preact escapes every text and attribute value). */
export function renderDocument<Props>(page: VNode<Props>): string {
  return `<!doctype html>${renderToString(page)}`;
}
