import {
  adminWeb,
  adminWrite,
  catalogRead,
  catalogWeb,
  type ServiceContract,
} from '@mystore/service-contract';
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/index.js';
import { labelsFor } from '../labels.js';

const ALLOW_LIST = 'admin-allow-list';
const RATE_LIMIT = 'admin-rate-limit';

/**
 * The ingresses (Traefik by default, `ingressClassName` from the config): the public API, the admin API
 * in its own Ingress behind an allow-list and a low rate limit, the storefront, and the admin console
 * behind the allow-list. TLS from cert-manager's ClusterIssuer when the environment has one.
 */
export class Edge extends Construct {
  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    const { edge, namespace } = env;
    const labels = labelsFor('edge', 'ingress');
    const middleware = (name: string, spec: object) =>
      new ApiObject(this, name, {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'Middleware',
        metadata: { name, namespace, labels },
        spec,
      });
    middleware(ALLOW_LIST, { ipAllowList: { sourceRange: [...edge.adminAllowList] } });
    middleware(RATE_LIMIT, {
      rateLimit: { average: edge.adminRateLimitPerMinute, period: '1m', burst: 20 },
    });

    if (edge.tls) {
      new ApiObject(this, 'cluster-issuer', {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: edge.tls.clusterIssuer, labels },
        spec: {
          acme: {
            server: edge.tls.acmeServer,
            email: edge.tls.acmeEmail,
            privateKeySecretRef: { name: `${edge.tls.clusterIssuer}-account-key` },
            // `class` rather than `ingressClassName`: both work on the pinned cert-manager, and the schema
            // the tests check against predates the latter.
            solvers: [{ http01: { ingress: { class: edge.ingressClassName } } }],
          },
        },
      });
    }

    const ingress = (name: string, host: string, path: string, target: ServiceContract, guards: string[]) => {
      const middlewares = guards.map((guard) => `${namespace}-${guard}@kubernetescrd`).join(',');
      new kplus.k8s.KubeIngress(this, name, {
        metadata: {
          name,
          namespace,
          labels,
          annotations: {
            'traefik.ingress.kubernetes.io/router.entrypoints': edge.tls ? 'websecure' : 'web',
            ...(middlewares ? { 'traefik.ingress.kubernetes.io/router.middlewares': middlewares } : {}),
            ...(edge.tls
              ? {
                  'traefik.ingress.kubernetes.io/router.tls': 'true',
                  'cert-manager.io/cluster-issuer': edge.tls.clusterIssuer,
                }
              : {}),
          },
        },
        spec: {
          ingressClassName: edge.ingressClassName,
          rules: [
            {
              host,
              http: {
                paths: [
                  {
                    path,
                    pathType: 'Prefix',
                    backend: { service: { name: target.name, port: { number: target.port } } },
                  },
                ],
              },
            },
          ],
          ...(edge.tls ? { tls: [{ hosts: [host], secretName: `${name}-tls` }] } : {}),
        },
      });
    };
    ingress('public-api', edge.hosts.api, '/api/v1', catalogRead, []);
    ingress('admin-api', edge.hosts.api, '/api/admin', adminWrite, [ALLOW_LIST, RATE_LIMIT]);
    ingress('storefront', edge.hosts.www, '/', catalogWeb, []);
    ingress('admin-console', edge.hosts.admin, '/', adminWeb, [ALLOW_LIST]);
  }
}
