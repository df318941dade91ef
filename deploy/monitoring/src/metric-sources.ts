import {
  adminWeb,
  adminWrite,
  catalogRead,
  catalogWeb,
  METRICS,
  PROCESS_METRICS,
} from '@mystore/service-contract';
import { SERVICE_NAMES } from './promql.js';

/**
 * Which services export each of our metrics: the real-Prometheus test expects a series from every one
 * of them that runs, so a query over a metric a running service should produce may never be empty.
 */
export const METRIC_SOURCES: Readonly<Record<string, readonly string[]>> = {
  [METRICS.httpRequestDuration]: SERVICE_NAMES,
  [METRICS.dbQueryDuration]: [catalogRead.name, adminWrite.name],
  [METRICS.dbPoolConnections]: [catalogRead.name, adminWrite.name],
  [METRICS.dbPoolMaxConnections]: [catalogRead.name, adminWrite.name],
  [METRICS.cacheRequests]: [catalogRead.name],
  [METRICS.catalogVersion]: [catalogRead.name],
  [METRICS.replicaLag]: [catalogRead.name],
  [METRICS.fallbackActive]: [catalogRead.name],
  [METRICS.adminAuthFailures]: [adminWrite.name],
  [METRICS.idempotentReplays]: [adminWrite.name],
  [METRICS.importRows]: [adminWrite.name],
  [METRICS.upstreamRequestDuration]: [catalogWeb.name, adminWeb.name],
  [METRICS.upstreamErrors]: [catalogWeb.name, adminWeb.name],
  ...Object.fromEntries(Object.values(PROCESS_METRICS).map((name) => [name, SERVICE_NAMES])),
  // Prometheus's own series for every target it scrapes.
  up: SERVICE_NAMES,
};

const HISTOGRAM_SUFFIXES = ['_bucket', '_count', '_sum'];

/** The services that export a series name (a histogram's _bucket/_count/_sum included), if it is ours. */
export function sourcesOf(series: string): readonly string[] | undefined {
  if (METRIC_SOURCES[series]) return METRIC_SOURCES[series];
  const suffix = HISTOGRAM_SUFFIXES.find((end) => series.endsWith(end));
  return suffix ? METRIC_SOURCES[series.slice(0, -suffix.length)] : undefined;
}
