import { KUBERNETES_METRICS_PORT, SERVICES } from '@mystore/service-contract';
import type { EnvironmentConfig } from './config/index.js';
import { BOOTSTRAP_JOB, migrationJobName } from './constructs/schema-jobs.js';

/** Which API each web app calls: Tilt starts it after that API. */
const CALLS: Readonly<Record<string, string>> = { 'catalog-web': 'catalog-read', 'admin-web': 'admin-write' };

/**
 * What the root Tiltfile needs from the app, written to `dist/dev/tilt.json` so that ports, images and
 * Job names come from the same module as the manifests.
 */
export function tiltSettings(env: EnvironmentConfig) {
  const migration = migrationJobName(env);
  return {
    namespace: env.namespace,
    databaseNamespace: env.database.namespace,
    databaseCluster: env.database.clusterName,
    jobs: { bootstrap: BOOTSTRAP_JOB, migration },
    services: SERVICES.map((service) => ({
      name: service.name,
      image: `${env.registry}/${service.name}`,
      dockerfile: `services/${service.name}/Dockerfile`,
      port: service.port,
      localPort: service.port,
      metricsPort: KUBERNETES_METRICS_PORT,
      localMetricsPort: service.localMetricsPort,
      // The APIs wait for the schema; each web app for its API.
      resourceDeps: [CALLS[service.name] ?? migration],
    })),
  };
}
