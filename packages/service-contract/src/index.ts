export { COMMON_ENV, type CommonEnvName } from './env.js';
export { DEFAULT_SHUTDOWN_TIMEOUT_MS, KUBERNETES_METRICS_PORT, METRICS_PATH, PROBE_PATHS } from './http.js';
export {
  adminWeb,
  adminWrite,
  catalogRead,
  catalogWeb,
  SERVICES,
  type ServiceContract,
  type ServiceName,
} from './services.js';
