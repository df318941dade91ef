import * as kplus from 'cdk8s-plus-27';
import type { PeerSelector } from './config/index.js';
import { NAMESPACE_NAME_LABEL } from './labels.js';

/** A NetworkPolicy peer: pods with these labels in the named namespace (or, without labels, all of it). */
export function peer(selector: PeerSelector) {
  return {
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: selector.namespace } },
    podSelector: { matchLabels: { ...selector.podLabels } },
  };
}

export function tcp(...ports: number[]): kplus.k8s.NetworkPolicyPort[] {
  return ports.map((port) => ({ protocol: 'TCP', port: kplus.k8s.IntOrString.fromNumber(port) }));
}
