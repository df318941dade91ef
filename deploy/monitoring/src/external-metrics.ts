/**
 * Metrics the dashboard and the rules read from exporters that are not ours: kube-state-metrics
 * (kube-prometheus-stack), the kubelet's cAdvisor, and MOCO's mysqld_exporter. Each is checked against
 * its exporter's documentation (test/fixtures/exporter-docs.md); `labels` are those our queries use
 * that the exporter itself sets (scrape labels such as `namespace` and `pod` come from Prometheus).
 */
export interface ExternalMetric {
  readonly name: string;
  readonly exporter: 'kube-state-metrics' | 'cAdvisor' | 'mysqld_exporter';
  readonly labels: readonly string[];
}

export const EXTERNAL_METRICS: readonly ExternalMetric[] = [
  {
    name: 'kube_pod_container_status_waiting_reason',
    exporter: 'kube-state-metrics',
    labels: ['namespace', 'pod', 'container', 'reason'],
  },
  {
    name: 'kube_pod_container_status_restarts_total',
    exporter: 'kube-state-metrics',
    labels: ['namespace', 'pod', 'container'],
  },
  {
    name: 'kube_pod_container_resource_requests',
    exporter: 'kube-state-metrics',
    labels: ['namespace', 'pod', 'container', 'resource'],
  },
  {
    name: 'kube_pod_container_resource_limits',
    exporter: 'kube-state-metrics',
    labels: ['namespace', 'pod', 'container', 'resource'],
  },
  {
    name: 'kube_deployment_status_replicas_available',
    exporter: 'kube-state-metrics',
    labels: ['namespace', 'deployment'],
  },
  {
    name: 'kube_deployment_spec_replicas',
    exporter: 'kube-state-metrics',
    labels: ['namespace', 'deployment'],
  },
  { name: 'container_cpu_usage_seconds_total', exporter: 'cAdvisor', labels: [] },
  { name: 'container_memory_working_set_bytes', exporter: 'cAdvisor', labels: [] },
  { name: 'mysql_up', exporter: 'mysqld_exporter', labels: [] },
  { name: 'mysql_global_status_threads_connected', exporter: 'mysqld_exporter', labels: [] },
  { name: 'mysql_global_variables_max_connections', exporter: 'mysqld_exporter', labels: [] },
];
