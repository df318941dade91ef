import { CLUSTER_DNS, DATABASE_BASE, PROMETHEUS, TRAEFIK } from './shared.js';
import type { EnvironmentConfig } from './types.js';

/** Tags of a release; CI replaces them with the commit's image tags before `npm run synth`. */
const RELEASE = '0.1.0';

/**
 * Production: the sizes of the design (HPA bounds per service), a 3-instance MySQLCluster, TLS from
 * cert-manager, allow-lists on the admin paths.
 */
export const prod: EnvironmentConfig = {
  name: 'prod',
  namespace: 'mystore',
  registry: 'ghcr.io/mystore',
  imagePullPolicy: 'IfNotPresent',
  hostnameSpread: 'DoNotSchedule',
  trustProxy: '1',
  shopCurrency: 'USD',
  services: {
    'catalog-read': {
      tag: RELEASE,
      resources: { cpuMillis: { request: 250, limit: 1000 }, memoryMi: { request: 256, limit: 512 } },
      scaling: { kind: 'hpa', min: 2, max: 20, cpuUtilization: 70 },
      minAvailable: 1,
      // 20 pods x 5 connections share the replicas' max_connections (see the database's my.cnf).
      env: { DB_POOL_SIZE: '5' },
    },
    'catalog-web': {
      tag: RELEASE,
      resources: { cpuMillis: { request: 200, limit: 1000 }, memoryMi: { request: 192, limit: 384 } },
      scaling: { kind: 'hpa', min: 2, max: 10, cpuUtilization: 70 },
      minAvailable: 1,
    },
    'admin-write': {
      tag: RELEASE,
      resources: { cpuMillis: { request: 200, limit: 1000 }, memoryMi: { request: 256, limit: 512 } },
      scaling: { kind: 'hpa', min: 2, max: 4, cpuUtilization: 70 },
      minAvailable: 1,
      env: { DB_POOL_SIZE: '5' },
    },
    'admin-web': {
      tag: RELEASE,
      resources: { cpuMillis: { request: 100, limit: 500 }, memoryMi: { request: 192, limit: 384 } },
      // One serves, one is the backup: the session key is shared, so either can take over.
      scaling: { kind: 'fixed', replicas: 2 },
      minAvailable: 1,
    },
  },
  database: {
    ...DATABASE_BASE,
    resources: { cpuMillis: { request: 1000 }, memoryMi: { request: 2048, limit: 2048 } },
    storage: '20Gi',
    maxDelaySeconds: 10,
  },
  edge: {
    ingressClassName: 'traefik',
    hosts: { api: 'api.mystore.com', www: 'www.mystore.com', admin: 'admin.mystore.com' },
    tls: {
      clusterIssuer: 'letsencrypt',
      acmeEmail: 'ops@mystore.com',
      acmeServer: 'https://acme-v02.api.letsencrypt.org/directory',
    },
    // The shop's office network (documentation range until the owner's real one is filled in).
    adminAllowList: ['203.0.113.0/24'],
    adminRateLimitPerMinute: 60,
    controller: TRAEFIK,
  },
  prometheus: PROMETHEUS,
  dns: CLUSTER_DNS,
};
