import type { K8sObject } from './manifests.js';

/** A pod the evaluator knows: where it runs, its labels, and the ports it listens on. */
export interface Pod {
  readonly id: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ports: readonly {
    readonly port: number;
    readonly protocol: 'TCP' | 'UDP';
    readonly name?: string;
  }[];
}

interface Selector {
  matchLabels?: Record<string, string>;
  matchExpressions?: unknown[];
}
interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: unknown;
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port?: number | string; protocol?: string }[];
}

function selects(selector: Selector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (selector?.matchExpressions?.length) throw new Error('matchExpressions are not evaluated');
  return Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}

/**
 * Kubernetes NetworkPolicy semantics for pod-to-pod traffic: a flow is admitted when the source's
 * egress admits it (or no egress policy selects the source) and the destination's ingress admits it (or
 * no ingress policy selects the destination). Namespaces are matched by their name label.
 */
export class NetworkEvaluator {
  private readonly policies: K8sObject[];

  constructor(objects: readonly K8sObject[]) {
    this.policies = objects.filter((object) => object.kind === 'NetworkPolicy');
  }

  admits(source: Pod, destination: Pod, port: Pod['ports'][number]): boolean {
    return (
      this.side(source, 'Egress', (rule) => rule.to, destination, port) &&
      this.side(destination, 'Ingress', (rule) => rule.from, source, port)
    );
  }

  private side(
    pod: Pod,
    type: 'Ingress' | 'Egress',
    peersOf: (rule: Rule) => Peer[] | undefined,
    other: Pod,
    port: Pod['ports'][number],
  ): boolean {
    const applying = this.policies.filter(
      (policy) =>
        policy.metadata.namespace === pod.namespace &&
        (policy.spec.policyTypes as string[]).includes(type) &&
        selects(policy.spec.podSelector, pod.labels),
    );
    if (applying.length === 0) return true;
    const rules: Rule[] = applying.flatMap(
      (policy) => policy.spec[type === 'Ingress' ? 'ingress' : 'egress'] ?? [],
    );
    return rules.some((rule) => {
      const peers = peersOf(rule);
      const peerMatch =
        peers === undefined ||
        peers.some((peer) => {
          if (peer.ipBlock) return false;
          const namespaceOk = peer.namespaceSelector
            ? selects(peer.namespaceSelector, { 'kubernetes.io/metadata.name': other.namespace })
            : other.namespace === pod.namespace;
          return namespaceOk && (peer.podSelector === undefined || selects(peer.podSelector, other.labels));
        });
      const portMatch =
        rule.ports === undefined ||
        rule.ports.some(
          (candidate) =>
            (candidate.protocol ?? 'TCP') === port.protocol &&
            (candidate.port === undefined || candidate.port === port.port || candidate.port === port.name),
        );
      return peerMatch && portMatch;
    });
  }
}
