/** Labels of everything the app emits: `name` selects a workload's pods, `part-of` finds the whole system. */
export function labelsFor(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'mystore',
  };
}

/** The labels a Service, PDB, HPA or NetworkPolicy selects a workload's pods by. */
export function selectorFor(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'mystore' };
}

/** Namespace label every cluster sets by itself (Kubernetes >= 1.22): selects a namespace by name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
