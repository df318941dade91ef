import { findMariadb } from './binaries.js';
import { startContainerPair } from './container-pair.js';
import { readEnvConfig, startEnvPair } from './env-pair.js';
import { startLocalPair } from './local-pair.js';
import { probeContainerRuntime } from './probe.js';
import type { ReplicaPair, ReplicaPairOptions } from './types.js';

export { detectMysql } from './detect.js';
export { eventually } from './eventually.js';
export { mysqlSuiteGate, type SuiteGate } from './gate.js';
export { documentMismatches, type OpenApiDocument, type OpenApiOperation } from './http/openapi-routes.js';
export { type RawResponse, sendRawRequest } from './http/raw-request.js';
export { type RecordedRoute, recordRoutes } from './http/route-recorder.js';
export { HELMET_HEADER_NAMES, securityHeadersOf } from './http/security-headers.js';
export { lintOpenApi, type SpectralResult } from './http/spectral.js';
export { type BuildImageTreeOptions, buildImageTree, type ImageTree } from './image-build.js';
export { type ImageProcess, startImage } from './image-run.js';
export { cardinalityProblems, labelValuesOf, seriesOf } from './metrics-exposition.js';
export {
  OTLP_SPAN_KIND,
  type OtlpReceiverOptions,
  pathToRoot,
  type ReceivedSpan,
  type SpanAttribute,
  type SpanCount,
  startOtlpReceiver,
} from './otlp-receiver.js';
export { findPrometheusBinary, prometheusSuiteGate, promtoolMetricProblems } from './prometheus-tools.js';
export {
  buildServiceImage,
  SERVICE_IMAGE_BUILD_TIMEOUT_MS,
  type ServiceImage,
  serviceImageProblems,
} from './service-image.js';
export { type RunningService, startServiceProcess } from './service-process.js';
export type { Detection, PairSource, ReplicaPair, ReplicaPairOptions } from './types.js';

/**
 * A primary + replica(s) with real GTID replication, from (in order) TEST_MYSQL_PRIMARY_URL/
 * TEST_MYSQL_REPLICA_URL, a local MariaDB installation, or MySQL 8.4 containers.
 */
export async function startMysqlReplicaPair(options: ReplicaPairOptions = {}): Promise<ReplicaPair> {
  const startedAt = Date.now();
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new RangeError(`[test-kit] replicas must be a positive integer (got ${replicas})`);
  }
  const opts = { replicas, database: options.database ?? 'mystore', mysqldOptions: options.mysqldOptions };

  const env = readEnvConfig();
  if (env.kind === 'invalid') throw new Error(`[test-kit] ${env.reason}`);
  if (env.kind === 'ok') return startEnvPair(env, opts, startedAt);

  const local = await findMariadb();
  if (local.found) return startLocalPair(local.binaries, opts, startedAt);

  const runtime = await probeContainerRuntime();
  if (runtime.ok) return startContainerPair(opts, startedAt);

  throw new Error(`[test-kit] no MySQL available: ${local.reason} and ${runtime.reason}`);
}
