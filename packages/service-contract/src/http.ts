/** Probe routes every service serves (the service kernel registers them). */
export const PROBE_PATHS = {
  /** The process is alive; never touches the database. */
  liveness: '/healthz',
  /** The service can serve now: database or cache usable, schema migrated, not draining. */
  readiness: '/readyz',
} as const;

/** Prometheus scrape path on the metrics listener. */
export const METRICS_PATH = '/metrics';

/** The metrics listener inside a pod: one port for every service, so one scrape rule fits all. */
export const KUBERNETES_METRICS_PORT = 9464;

/** The services' drain deadline after SIGTERM when SHUTDOWN_TIMEOUT_MS is unset. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;
