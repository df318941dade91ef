import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

export interface Matcher {
  readonly label: string;
  readonly op: string;
  readonly value: string;
}

export interface Selector {
  readonly metric: string;
  readonly matchers: readonly Matcher[];
}

/** The vector selectors of a PromQL expression (Prometheus's own lezer grammar); throws on a syntax error. */
export function selectorsOf(expr: string): Selector[] {
  const tree = parser.parse(expr);
  const selectors: Selector[] = [];
  const text = (node: SyntaxNode) => expr.slice(node.from, node.to);
  tree.iterate({
    enter(ref) {
      if (ref.type.isError) throw new Error(`PromQL syntax error at ${ref.from} in: ${expr}`);
      if (ref.name !== 'VectorSelector') return;
      const node = ref.node;
      const identifier = node.getChild('Identifier');
      const matchers = (node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []).map(
        (matcher) => ({
          label: text(matcher.getChild('LabelName')!),
          op: text(matcher.getChild('MatchOp')!),
          value: JSON.parse(text(matcher.getChild('StringLiteral')!)) as string,
        }),
      );
      selectors.push({ metric: identifier ? text(identifier) : '', matchers });
    },
  });
  return selectors;
}

/** Labels an expression groups or matches on (`by (…)`, `on (…)`), besides its selectors' matchers. */
export function groupingLabelsOf(expr: string): string[] {
  const labels: string[] = [];
  parser.parse(expr).iterate({
    enter(ref) {
      if (ref.name === 'GroupingLabels') {
        for (const child of ref.node.getChildren('LabelName')) labels.push(expr.slice(child.from, child.to));
      }
    },
  });
  return labels;
}
