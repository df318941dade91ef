/**
 * What the services export on `/metrics` and what the dashboard and the alert rules query: one list,
 * so a renamed metric breaks the build and the monitoring tests instead of a panel on the first day.
 * Label values are always from a fixed set; never ids, URLs or search text.
 */
export const METRICS = {
  /** Histogram `{method, route, status_code}`: route is the pattern (`unmatched` for no route). */
  httpRequestDuration: 'http_server_request_duration_seconds',
  /** Histogram `{target, operation}`: target is primary | replica | fallback | sqlite. */
  dbQueryDuration: 'mystore_db_query_duration_seconds',
  /** Gauge `{target, state}`: state is used | idle | waiting. */
  dbPoolConnections: 'mystore_db_pool_connections',
  /** Gauge `{target}`: the pool's connection limit (saturation = used / max). */
  dbPoolMaxConnections: 'mystore_db_pool_max_connections',
  /** Counter `{result}`: hit | miss | stale (catalog-read). */
  cacheRequests: 'mystore_cache_requests_total',
  /** Gauge: the newest catalog version a pod has seen (catalog-read). */
  catalogVersion: 'mystore_catalog_version',
  /** Gauge: how far the replica trails the primary, NaN when unknown (catalog-read). */
  replicaLag: 'mystore_replica_lag_seconds',
  /** Gauge: 1 while reads go to the primary instead of the replica (catalog-read). */
  fallbackActive: 'mystore_db_fallback_active',
  /** Counter: admin requests refused for a missing or wrong token (admin-write). */
  adminAuthFailures: 'mystore_admin_auth_failures_total',
  /** Counter: POSTs answered from their Idempotency-Key (admin-write). */
  idempotentReplays: 'mystore_idempotent_replays_total',
  /** Counter `{result}`: created | updated | unchanged | invalid (admin-write). */
  importRows: 'mystore_import_rows_total',
  /** Histogram `{upstream, operation, outcome}`: calls a web app makes to an API (outcome: status or failure). */
  upstreamRequestDuration: 'mystore_upstream_request_duration_seconds',
  /** Counter `{upstream, reason}`: timeout | connection | server_error | other. */
  upstreamErrors: 'mystore_upstream_errors_total',
} as const;

/** prom-client's default process metrics the dashboard reads (every service exports them). */
export const PROCESS_METRICS = {
  cpuSeconds: 'process_cpu_seconds_total',
  residentMemory: 'process_resident_memory_bytes',
  heapUsed: 'nodejs_heap_size_used_bytes',
  eventLoopLagP99: 'nodejs_eventloop_lag_p99_seconds',
} as const;

/** Buckets of the request histogram, in seconds: from 0.5 ms (cache hits) to 5 s. SLO thresholds are among them. */
export const REQUEST_DURATION_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
] as const;

/** Outcomes of the catalog-read response cache. */
export const CACHE_RESULTS = ['hit', 'miss', 'stale'] as const;

/** Outcomes of imported rows. */
export const IMPORT_ROW_RESULTS = ['created', 'updated', 'unchanged', 'invalid'] as const;

/** Why a call to an upstream API failed. */
export const UPSTREAM_ERROR_REASONS = ['timeout', 'connection', 'server_error', 'other'] as const;
