import { adminWeb, adminWrite, catalogRead, catalogWeb } from '@mystore/service-contract';
import { App, Chart, Yaml } from 'cdk8s';
import type { EnvironmentConfig } from './config/index.js';
import { AppNetwork } from './constructs/app-network.js';
import { Database } from './constructs/database.js';
import { Edge } from './constructs/edge.js';
import { FastifyService } from './constructs/fastify-service.js';
import { Monitoring } from './constructs/monitoring.js';
import { Namespaces } from './constructs/namespaces.js';
import { BOOTSTRAP_JOB, bootstrapJob, migrationJob, migrationJobName } from './constructs/schema-jobs.js';
import { DATABASE_USERS, mysqlHosts, mysqlUrl, PASSWORD_VARIABLE } from './database-users.js';
import { declareSecrets } from './secrets.js';

export interface SynthOptions {
  /** Where the dashboard and alert rules are (`deploy/monitoring`). */
  readonly monitoringDirectory: string;
}

/** One output file: a component's objects, in the order `kubectl apply -f dist/<env>/` takes them. */
export interface ManifestFile {
  readonly file: string;
  readonly objects: readonly Record<string, unknown>[];
}

/**
 * The whole system for one environment, one chart per component. File names are numbered in apply
 * order: namespaces, the database, its bootstrap, the network, the migration, the services, the edge
 * and the monitoring.
 */
export function synthesize(env: EnvironmentConfig, options: SynthOptions): ManifestFile[] {
  const app = new App();
  const secrets = declareSecrets(env);
  const hosts = mysqlHosts(env);
  const scheme = env.edge.tls ? 'https' : 'http';
  const storefront = `${scheme}://${env.edge.hosts.www}`;
  const migration = migrationJobName(env);
  const charts: [string, (chart: Chart) => void][] = [
    ['namespaces', (chart) => new Namespaces(chart, 'namespaces', env)],
    [
      'database',
      (chart) =>
        new Database(chart, 'database', {
          env,
          appClients: [catalogRead.name, adminWrite.name, migration],
          localClients: [BOOTSTRAP_JOB],
        }),
    ],
    ['database-bootstrap', (chart) => bootstrapJob(chart, env, secrets)],
    ['network', (chart) => new AppNetwork(chart, 'network', env, migration)],
    ['database-migration', (chart) => migrationJob(chart, env, secrets)],
    [
      catalogRead.name,
      (chart) =>
        new FastifyService(chart, catalogRead.name, {
          env,
          contract: catalogRead,
          config: env.services['catalog-read'],
          component: 'api',
          variables: {
            [PASSWORD_VARIABLE]: { secret: secrets.catalogReadDatabase, key: 'password' },
            DATABASE_URL: mysqlUrl(env, hosts.replica, DATABASE_USERS.read),
            FALLBACK_DATABASE_URL: mysqlUrl(env, hosts.primary, DATABASE_USERS.read),
            PUBLIC_ASSET_BASE_URL: storefront,
            CORS_ORIGINS: storefront,
            SHOP_CURRENCY: env.shopCurrency,
          },
        }),
    ],
    [
      adminWrite.name,
      (chart) =>
        new FastifyService(chart, adminWrite.name, {
          env,
          contract: adminWrite,
          config: env.services['admin-write'],
          component: 'api',
          variables: {
            [PASSWORD_VARIABLE]: { secret: secrets.adminWriteDatabase, key: 'password' },
            DATABASE_URL: mysqlUrl(env, hosts.primary, DATABASE_USERS.write),
            ADMIN_TOKENS: { secret: secrets.adminWriteTokens, key: 'ADMIN_TOKENS' },
            SHOP_CURRENCY: env.shopCurrency,
          },
        }),
    ],
    [
      catalogWeb.name,
      (chart) =>
        new FastifyService(chart, catalogWeb.name, {
          env,
          contract: catalogWeb,
          config: env.services['catalog-web'],
          component: 'web',
          variables: {
            CATALOG_API_URL: `http://${catalogRead.name}.${env.namespace}.svc:${catalogRead.port}`,
            // Canonical links and the sitemap name the public storefront, not the pod.
            PUBLIC_BASE_URL: storefront,
            SHOP_CURRENCY: env.shopCurrency,
          },
        }),
    ],
    [
      adminWeb.name,
      (chart) =>
        new FastifyService(chart, adminWeb.name, {
          env,
          contract: adminWeb,
          config: env.services['admin-web'],
          component: 'web',
          variables: {
            ADMIN_API_URL: `http://${adminWrite.name}.${env.namespace}.svc:${adminWrite.port}`,
            ADMIN_API_TOKEN: { secret: secrets.adminWeb, key: 'ADMIN_API_TOKEN' },
            ADMIN_PASSWORD_HASH: { secret: secrets.adminWeb, key: 'ADMIN_PASSWORD_HASH' },
            SESSION_SECRET: { secret: secrets.adminWeb, key: 'SESSION_SECRET' },
            SHOP_CURRENCY: env.shopCurrency,
          },
        }),
    ],
    ['edge', (chart) => new Edge(chart, 'edge', env)],
    ['monitoring', (chart) => new Monitoring(chart, 'monitoring', env, options.monitoringDirectory)],
  ];
  return charts
    .map(([name, build], index) => {
      const chart = new Chart(app, name, { disableResourceNameHashes: true });
      build(chart);
      return { file: `${String(index).padStart(2, '0')}-${name}.yaml`, objects: chart.toJson() };
    })
    .filter((file) => file.objects.length > 0);
}

/** A file's text: the YAML documents of its objects. */
export function render(file: ManifestFile): string {
  return Yaml.stringify(...file.objects);
}
