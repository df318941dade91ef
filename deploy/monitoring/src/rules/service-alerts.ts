import { adminWrite, catalogRead, METRICS } from '@mystore/service-contract';
import { ANY_SERVICE, selector } from '../promql.js';
import { runbookUrl } from './runbook.js';
import type { AlertingRule } from './types.js';

/** catalog-read's fail-over threshold by default (MAX_REPLICA_LAG_SECONDS). */
export const REPLICA_LAG_ALERT_SECONDS = 5;
/** Share of a pool's connections in use that counts as saturated. */
export const POOL_SATURATION_RATIO = 0.9;
/** Refused admin requests in 5 minutes that are more than a mistyped token. */
export const AUTH_FAILURE_BURST = 30;

const POD = 'namespace, service, pod';

function alert(
  name: string,
  expr: string,
  options: { for?: string; severity: 'page' | 'ticket' | 'warning'; summary: string; description: string },
): AlertingRule {
  return {
    alert: name,
    expr,
    ...(options.for ? { for: options.for } : {}),
    labels: { severity: options.severity },
    annotations: {
      summary: options.summary,
      description: options.description,
      runbook_url: runbookUrl(name),
    },
  };
}

/** Alerts on the system's own state: replication, fail-over, pools, pods, admin sign-in attempts. */
export function serviceAlerts(): AlertingRule[] {
  const used = selector(METRICS.dbPoolConnections, 'state="used"');
  const waiting = selector(METRICS.dbPoolConnections, 'state="waiting"');
  const ours = `container=~"${ANY_SERVICE}"`;
  return [
    alert(
      'ReplicaLagHigh',
      `max by (${POD}) (${selector(METRICS.replicaLag, `service="${catalogRead.name}"`)}) > ${REPLICA_LAG_ALERT_SECONDS}`,
      {
        for: '2m',
        severity: 'warning',
        summary:
          'The replica that {{ $labels.pod }} reads from trails the primary by {{ $value | humanizeDuration }}.',
        description: `Above ${REPLICA_LAG_ALERT_SECONDS} s catalog-read reads from the primary instead (with FALLBACK_DATABASE_URL set); customers may see changes late.`,
      },
    ),
    alert(
      'ReadFallbackActive',
      `max by (${POD}) (${selector(METRICS.fallbackActive, `service="${catalogRead.name}"`)}) > 0`,
      {
        for: '5m',
        severity: 'warning',
        summary: '{{ $labels.pod }} has read from the primary instead of the replica for 5 minutes.',
        description:
          'The replica is unreachable or lags: the public API loads the primary, which also takes every write.',
      },
    ),
    alert(
      'DatabasePoolSaturated',
      `(\n  sum by (${POD}, target) (${used})\n  / sum by (${POD}, target) (${METRICS.dbPoolMaxConnections})\n) >= ${POOL_SATURATION_RATIO}\nor\nsum by (${POD}, target) (${waiting}) > 0`,
      {
        for: '5m',
        severity: 'warning',
        summary: '{{ $labels.pod }} has used its {{ $labels.target }} connection pool up for 5 minutes.',
        description:
          'Requests wait for a database connection (and fail after the acquire timeout): the database is slow or the pool too small for the traffic.',
      },
    ),
    alert(
      'PodCrashLooping',
      `max by (namespace, pod, container) (kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff", ${ours}}) > 0\nor\nmax by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{${ours}}[15m])) > 2`,
      {
        for: '5m',
        severity: 'warning',
        summary: '{{ $labels.container }} in {{ $labels.pod }} keeps restarting.',
        description: 'The container is in CrashLoopBackOff or restarted more than twice in 15 minutes.',
      },
    ),
    alert(
      'AdminAuthFailureBurst',
      `sum by (namespace, service) (increase(${selector(METRICS.adminAuthFailures, `service="${adminWrite.name}"`)}[5m])) > ${AUTH_FAILURE_BURST}`,
      {
        severity: 'warning',
        summary: 'The admin API refused {{ $value | humanize }} requests for a bad token in 5 minutes.',
        description:
          'More than a mistyped token: someone may be guessing tokens, or a client still uses a revoked one.',
      },
    ),
    alert('ServiceTargetDown', `${selector('up', `service=~"${ANY_SERVICE}"`)} == 0`, {
      for: '5m',
      severity: 'warning',
      summary: 'Prometheus cannot scrape {{ $labels.pod }} ({{ $labels.service }}) for 5 minutes.',
      description:
        'The pod is down, not ready to answer on its metrics port, or a NetworkPolicy blocks Prometheus.',
    }),
  ];
}
