export { COMMON_ENV, type CommonEnvName } from './env.js';
export { DEFAULT_SHUTDOWN_TIMEOUT_MS, KUBERNETES_METRICS_PORT, METRICS_PATH, PROBE_PATHS } from './http.js';
export {
  CACHE_RESULTS,
  IMPORT_ROW_RESULTS,
  METRICS,
  PROCESS_METRICS,
  REQUEST_DURATION_BUCKETS,
  UPSTREAM_ERROR_REASONS,
} from './metrics.js';
export {
  adminWeb,
  adminWrite,
  catalogRead,
  catalogWeb,
  SERVICES,
  type ServiceContract,
  type ServiceName,
} from './services.js';
