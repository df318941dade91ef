export { type ApiIndex, ApiIndexSchema, registerApiIndex } from './api-index.js';
export {
  ConfigError,
  commonConfigSchema,
  listenerConfigSchema,
  loadConfig,
  parseTrustProxy,
  splitList,
} from './config.js';
export { createDbMetrics, type PoolReader, type QueryEvent } from './db-metrics.js';
export type { Lifecycle, ReadinessReport } from './health.js';
export { type RunningService, runService } from './lifecycle.js';
export { loggerOptions, REDACTED_PATHS } from './logger.js';
export { createMetricsRegistry, startMetricsServer } from './metrics.js';
export { type OpenApiSettings, registerOpenApi } from './openapi.js';
export { HttpProblem, PROBLEM_CONTENT_TYPE, type Problem, ProblemSchema, sendProblem } from './problem.js';
export { JSON_API_HELMET_OPTIONS } from './security-headers.js';
export { createService, registerApi, type ServiceInstance, type ServiceOptions } from './service.js';
export { untraced } from './tracing-config.js';
export {
  createUpstreamMetrics,
  type UpstreamAnswer,
  type UpstreamCall,
  type UpstreamErrorReason,
  type UpstreamMetrics,
  upstreamErrorReason,
} from './upstream-metrics.js';
export type { UnknownQueryParameters } from './validation.js';
