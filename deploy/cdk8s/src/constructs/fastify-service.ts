import {
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  KUBERNETES_METRICS_PORT,
  METRICS_PATH,
  PROBE_PATHS,
  type ServiceContract,
} from '@mystore/service-contract';
import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { EnvironmentConfig, ServiceConfig } from '../config/index.js';
import type { PASSWORD_VARIABLE } from '../database-users.js';
import { labelsFor, selectorFor } from '../labels.js';
import type { EnvSource } from '../secrets.js';
import { envValue } from './hardened-job.js';
import { hardenPod, NODE_UID } from './pod-hardening.js';
import { toPlusResources } from './resources.js';

/** Seconds between SIGKILL's warning and the load balancers noticing the pod is gone. */
export const PRE_STOP_SLEEP_SECONDS = 5;
/** Grace period: the preStop sleep, the drain, and a margin for the last log lines and span flush. */
export const TERMINATION_GRACE_SECONDS = PRE_STOP_SLEEP_SECONDS + DEFAULT_SHUTDOWN_TIMEOUT_MS / 1000 + 5;

export interface FastifyServiceProps<Env extends string> {
  readonly env: EnvironmentConfig;
  readonly contract: ServiceContract<string, Env>;
  readonly config: ServiceConfig;
  /** `api` for the JSON APIs, `web` for the server-rendered sites. */
  readonly component: 'api' | 'web';
  /**
   * The service's own variables (the kernel's common ones are set here), in order: a value may use an
   * earlier one as `$(NAME)`. Only names the service reads, and the password helper, type-check.
   */
  readonly variables: Partial<Record<Env | typeof PASSWORD_VARIABLE, EnvSource>>;
}

/**
 * One of the four services: Deployment, Service, HPA (or fixed replicas), PDB and ServiceMonitor, each
 * field set here rather than left to cdk8s-plus-27's defaults. Its NetworkPolicy is the network's
 * (constructs/app-network.ts), which sees every flow at once.
 */
export class FastifyService<Env extends string> extends Construct {
  readonly deployment: kplus.Deployment;
  readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: FastifyServiceProps<Env>) {
    super(scope, id);
    const { env, contract, config } = props;
    const name = contract.name;
    const namespace = env.namespace;
    const labels = labelsFor(name, props.component);
    const scaled = config.scaling.kind === 'hpa';

    this.deployment = new kplus.Deployment(this, 'deployment', {
      metadata: { name, namespace, labels },
      podMetadata: { labels },
      select: false,
      replicas: config.scaling.kind === 'fixed' ? config.scaling.replicas : config.scaling.min,
      strategy: kplus.DeploymentStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
      minReady: Duration.seconds(5),
      progressDeadline: Duration.minutes(5),
      terminationGracePeriod: Duration.seconds(TERMINATION_GRACE_SECONDS),
      automountServiceAccountToken: false,
      volumes: [],
    });
    this.deployment.select(kplus.LabelSelector.of({ labels: selectorFor(name) }));
    const tmp = kplus.Volume.fromEmptyDir(this, 'tmp', 'tmp', { sizeLimit: Size.mebibytes(64) });
    const container = this.deployment.addContainer({
      name,
      image: `${env.registry}/${name}:${config.tag}`,
      imagePullPolicy: env.imagePullPolicy as kplus.ImagePullPolicy,
      ports: [
        { name: 'http', number: contract.port, protocol: kplus.Protocol.TCP },
        { name: 'metrics', number: KUBERNETES_METRICS_PORT, protocol: kplus.Protocol.TCP },
      ],
      resources: toPlusResources(config.resources),
      startup: kplus.Probe.fromHttpGet(PROBE_PATHS.liveness, {
        port: contract.port,
        periodSeconds: Duration.seconds(2),
        timeoutSeconds: Duration.seconds(2),
        failureThreshold: 30,
      }),
      liveness: kplus.Probe.fromHttpGet(PROBE_PATHS.liveness, {
        port: contract.port,
        periodSeconds: Duration.seconds(10),
        timeoutSeconds: Duration.seconds(2),
        failureThreshold: 3,
      }),
      readiness: kplus.Probe.fromHttpGet(PROBE_PATHS.readiness, {
        port: contract.port,
        periodSeconds: Duration.seconds(5),
        timeoutSeconds: Duration.seconds(2),
        failureThreshold: 2,
      }),
      volumeMounts: [{ path: '/tmp', volume: tmp }],
      // Endpoints and the ingress take a moment to drop a terminating pod: keep serving meanwhile.
      // (cdk8s-plus-27's schema predates Kubernetes' own sleep action, so the image's `sleep` runs.)
      lifecycle: { preStop: kplus.Handler.fromCommand(['sleep', String(PRE_STOP_SLEEP_SECONDS)]) },
    });
    const variables: Record<string, EnvSource> = {
      PORT: String(contract.port),
      HOST: '0.0.0.0',
      METRICS_PORT: String(KUBERNETES_METRICS_PORT),
      LOG_LEVEL: 'info',
      SHUTDOWN_TIMEOUT_MS: String(DEFAULT_SHUTDOWN_TIMEOUT_MS),
      TRUST_PROXY: env.trustProxy,
      ...config.env,
      ...(props.variables as Record<string, EnvSource>),
    };
    for (const [key, source] of Object.entries(variables))
      container.env.addVariable(key, envValue(this, source));

    const deployment = ApiObject.of(this.deployment);
    hardenPod(deployment, {
      podTemplatePath: '/spec/template',
      keepRestartPolicy: false,
      containerCount: 1,
      uid: NODE_UID,
    });
    deployment.addJsonPatch(
      JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
        spread('topology.kubernetes.io/zone', 'ScheduleAnyway', name),
        spread('kubernetes.io/hostname', env.hostnameSpread, name),
      ]),
    );
    // With an HPA the replica count is the HPA's: applying the manifest must not reset it.
    if (scaled) deployment.addJsonPatch(JsonPatch.remove('/spec/replicas'));

    this.service = new kplus.Service(this, 'service', {
      metadata: { name, namespace, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [
        { name: 'http', port: contract.port, targetPort: contract.port, protocol: kplus.Protocol.TCP },
        {
          name: 'metrics',
          port: KUBERNETES_METRICS_PORT,
          targetPort: KUBERNETES_METRICS_PORT,
          protocol: kplus.Protocol.TCP,
        },
      ],
    });
    for (const [key, value] of Object.entries(selectorFor(name))) this.service.selectLabel(key, value);
    ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));

    if (config.scaling.kind === 'hpa') {
      new kplus.k8s.KubeHorizontalPodAutoscalerV2(this, 'hpa', {
        metadata: { name, namespace, labels },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
          minReplicas: config.scaling.min,
          maxReplicas: config.scaling.max,
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: config.scaling.cpuUtilization },
              },
            },
          ],
        },
      });
    }
    if (config.minAvailable !== undefined) {
      new kplus.k8s.KubePodDisruptionBudget(this, 'pdb', {
        metadata: { name, namespace, labels },
        spec: {
          minAvailable: kplus.k8s.IntOrString.fromNumber(config.minAvailable),
          selector: { matchLabels: selectorFor(name) },
        },
      });
    }
    new ApiObject(this, 'service-monitor', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name, namespace, labels },
      spec: {
        selector: { matchLabels: selectorFor(name) },
        endpoints: [{ port: 'metrics', path: METRICS_PATH, interval: '30s' }],
      },
    });
  }
}

function spread(topologyKey: string, whenUnsatisfiable: string, name: string) {
  return { maxSkew: 1, topologyKey, whenUnsatisfiable, labelSelector: { matchLabels: selectorFor(name) } };
}
