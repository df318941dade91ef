import { METRICS, PROCESS_METRICS } from '@mystore/service-contract';
import { NOT_PROBES, selector, sumRate } from '../promql.js';
import { APP, RATE, timeseries } from './panels.js';
import type { Row } from './rows.js';

const requests = selector(`${METRICS.httpRequestDuration}_count`, APP, NOT_PROBES);
/** kube-state-metrics and cAdvisor name containers and Deployments after the service. */
const CONTAINERS = 'namespace="$namespace", container=~"$service"';

/** How requests spread over pods, how many pods run, and what each one uses. */
export const podsRow: Row = {
  title: 'Pods: distribution, restarts, CPU and memory',
  panels: [
    timeseries({
      title: 'Requests per second per pod',
      description: 'The load balancing as each pod sees it.',
      unit: 'reqps',
      min: 0,
      queries: [{ expr: sumRate(['service', 'pod'], requests, RATE), legend: '{{pod}}' }],
    }),
    timeseries({
      title: 'Share of each service’s requests per pod',
      description: 'Even spread: every pod of a service near 1 / (its pod count).',
      unit: 'percentunit',
      min: 0,
      queries: [
        {
          expr: `${sumRate(['service', 'pod'], requests, RATE)}\n/ on (service) group_left\n${sumRate(['service'], requests, RATE)}`,
          legend: '{{pod}}',
        },
      ],
    }),
    timeseries({
      title: 'Pods scraped and available',
      description:
        'Pods Prometheus scrapes (up), and the Deployment’s available and desired replicas (kube-state-metrics).',
      unit: 'short',
      min: 0,
      queries: [
        { expr: `sum by (service) (${selector('up', APP)})`, legend: '{{service}} scraped' },
        {
          expr: `sum by (deployment) (kube_deployment_status_replicas_available{namespace="$namespace", deployment=~"$service"})`,
          legend: '{{deployment}} available',
        },
        {
          expr: `sum by (deployment) (kube_deployment_spec_replicas{namespace="$namespace", deployment=~"$service"})`,
          legend: '{{deployment}} desired',
        },
      ],
    }),
    timeseries({
      title: 'Container restarts (last hour)',
      description:
        'From kube-state-metrics; a climbing line is a crash loop (see the PodCrashLooping alert).',
      unit: 'short',
      min: 0,
      queries: [
        {
          expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{${CONTAINERS}}[1h]))`,
          legend: '{{pod}}',
        },
      ],
    }),
    timeseries({
      title: 'CPU per pod',
      description:
        'CPU seconds per second the Node.js process used (prom-client), and the container’s usage over its CPU request (cAdvisor, kube-state-metrics: what the HPA scales on).',
      unit: 'short',
      min: 0,
      queries: [
        {
          expr: sumRate(['service', 'pod'], selector(PROCESS_METRICS.cpuSeconds, APP), RATE),
          legend: '{{pod}} cores',
        },
        {
          expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${CONTAINERS}}[${RATE}]))\n/ sum by (pod) (kube_pod_container_resource_requests{${CONTAINERS}, resource="cpu"})`,
          legend: '{{pod}} of request',
        },
      ],
    }),
    timeseries({
      title: 'Memory per pod',
      description:
        'Resident memory and V8 heap in use (prom-client), and the container’s working set (cAdvisor) next to its limit (kube-state-metrics).',
      unit: 'bytes',
      min: 0,
      queries: [
        {
          expr: `sum by (pod) (${selector(PROCESS_METRICS.residentMemory, APP)})`,
          legend: '{{pod}} resident',
        },
        { expr: `sum by (pod) (${selector(PROCESS_METRICS.heapUsed, APP)})`, legend: '{{pod}} heap used' },
        {
          expr: `sum by (pod) (container_memory_working_set_bytes{${CONTAINERS}})`,
          legend: '{{pod}} working set',
        },
        {
          expr: `sum by (pod) (kube_pod_container_resource_limits{${CONTAINERS}, resource="memory"})`,
          legend: '{{pod}} limit',
        },
      ],
    }),
    timeseries({
      title: 'Event loop delay p99',
      description: 'Above a second, load shedding answers 503 (under-pressure).',
      unit: 's',
      width: 24,
      min: 0,
      queries: [
        {
          expr: `max by (service, pod) (${selector(PROCESS_METRICS.eventLoopLagP99, APP)})`,
          legend: '{{pod}}',
        },
      ],
    }),
  ],
};
