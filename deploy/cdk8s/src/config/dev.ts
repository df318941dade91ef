import { CLUSTER_DNS, DATABASE_BASE, PROMETHEUS, TRAEFIK } from './shared.js';
import type { EnvironmentConfig, Resources } from './types.js';

const small: Resources = { cpuMillis: { request: 50 }, memoryMi: { request: 128, limit: 256 } };

/** `tilt up` on k3d or kind: one replica each, no HPA or PDB, `*.localhost` hosts, no TLS. */
export const dev: EnvironmentConfig = {
  name: 'dev',
  namespace: 'mystore',
  registry: 'mystore',
  // Tilt builds the images into the cluster and rewrites these references to its own tags.
  imagePullPolicy: 'IfNotPresent',
  hostnameSpread: 'ScheduleAnyway',
  trustProxy: '1',
  shopCurrency: 'USD',
  services: {
    'catalog-read': { tag: 'dev', resources: small, scaling: { kind: 'fixed', replicas: 1 } },
    'admin-write': { tag: 'dev', resources: small, scaling: { kind: 'fixed', replicas: 1 } },
    'catalog-web': { tag: 'dev', resources: small, scaling: { kind: 'fixed', replicas: 1 } },
    'admin-web': { tag: 'dev', resources: small, scaling: { kind: 'fixed', replicas: 1 } },
  },
  database: {
    ...DATABASE_BASE,
    resources: { cpuMillis: { request: 100 }, memoryMi: { request: 256, limit: 512 } },
    storage: '1Gi',
    maxDelaySeconds: 30,
  },
  edge: {
    ingressClassName: 'traefik',
    hosts: { api: 'api.localhost', www: 'www.localhost', admin: 'admin.localhost' },
    // k3d/kind publish the ingress from the host: the clients are the host and the cluster's own networks.
    adminAllowList: ['127.0.0.1/32', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'],
    adminRateLimitPerMinute: 120,
    controller: TRAEFIK,
  },
  prometheus: PROMETHEUS,
  dns: CLUSTER_DNS,
};
