import type { ServiceName } from '@mystore/service-contract';

/** CPU (millicores) and memory (MiB) of one container; no CPU limit unless given. */
export interface Resources {
  readonly cpuMillis: { readonly request: number; readonly limit?: number };
  readonly memoryMi: { readonly request: number; readonly limit: number };
}

/** How a service scales: a fixed replica count, or an HPA on CPU. */
export type Scaling =
  | { readonly kind: 'fixed'; readonly replicas: number }
  | {
      readonly kind: 'hpa';
      readonly min: number;
      readonly max: number;
      /** Average CPU utilization (percent of the request) the HPA aims for. */
      readonly cpuUtilization: number;
    };

export interface ServiceConfig {
  /** Tag of `<registry>/<service>`. */
  readonly tag: string;
  readonly resources: Resources;
  readonly scaling: Scaling;
  /** A PodDisruptionBudget (minAvailable); omitted in dev. */
  readonly minAvailable?: number;
  /** Variables of the service's own (non-secret) configuration, beyond what the constructs set. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Pods outside our namespaces that our NetworkPolicies admit, found by namespace and pod labels. */
export interface PeerSelector {
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
}

export interface DatabaseConfig {
  readonly namespace: string;
  /** The MySQLCluster's name: MOCO serves it as `moco-<name>-primary` and `moco-<name>-replica`. */
  readonly clusterName: string;
  readonly schema: string;
  /** MOCO's mysqld image (`ghcr.io/cybozu-go/moco/mysql:<MySQL version>`). */
  readonly mysqlImage: string;
  readonly instances: 1 | 3 | 5;
  readonly resources: Resources;
  readonly storage: string;
  readonly storageClassName?: string;
  /** A replica lagging more than this is unready and leaves `moco-<name>-replica`. */
  readonly maxDelaySeconds: number;
  /** mysqld_exporter collectors (without the `collect.` prefix). */
  readonly collectors: readonly string[];
  /** An S3-compatible bucket for MOCO's BackupPolicy; none means no backups are taken. */
  readonly backup?: {
    readonly schedule: string;
    readonly bucketName: string;
    readonly endpointURL?: string;
    readonly region?: string;
    /** Secret in the database namespace with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
    readonly credentialsSecret: string;
  };
}

export interface EdgeConfig {
  readonly ingressClassName: string;
  readonly hosts: { readonly api: string; readonly www: string; readonly admin: string };
  /** cert-manager ClusterIssuer for the TLS certificates; none means plain HTTP (dev). */
  readonly tls?: { readonly clusterIssuer: string; readonly acmeEmail: string; readonly acmeServer: string };
  /** Client CIDRs allowed to reach the admin API and the admin console. */
  readonly adminAllowList: readonly string[];
  /** Admin API requests per minute per client address. */
  readonly adminRateLimitPerMinute: number;
  /** Where the ingress controller's pods run. */
  readonly controller: PeerSelector;
}

export interface EnvironmentConfig {
  readonly name: 'dev' | 'prod';
  readonly namespace: string;
  readonly registry: string;
  readonly imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never';
  /** Hostname spreading: DoNotSchedule in prod (replicas on distinct nodes), ScheduleAnyway in dev. */
  readonly hostnameSpread: 'DoNotSchedule' | 'ScheduleAnyway';
  /** TRUST_PROXY of the services behind the ingress: exactly the ingress hop. */
  readonly trustProxy: string;
  readonly shopCurrency: string;
  readonly services: Readonly<Record<ServiceName, ServiceConfig>>;
  readonly database: DatabaseConfig;
  readonly edge: EdgeConfig;
  /** Prometheus (prometheus-operator), which scrapes every metrics port. */
  readonly prometheus: PeerSelector;
  /** The cluster DNS, the one egress every pod needs. */
  readonly dns: PeerSelector;
}
