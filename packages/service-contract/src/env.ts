/** Environment variables every service reads (the service kernel's common settings). */
export const COMMON_ENV = [
  'PORT',
  'HOST',
  'METRICS_PORT',
  'LOG_LEVEL',
  'LOG_PRETTY',
  'SHUTDOWN_TIMEOUT_MS',
  'TRUST_PROXY',
] as const;

export type CommonEnvName = (typeof COMMON_ENV)[number];
