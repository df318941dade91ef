import { SERVICES } from '@mystore/service-contract';
import { describe, expect, it } from 'vitest';
import { declareSecrets } from '../src/secrets.js';
import {
  type K8sObject,
  objectsOf,
  ofKind,
  podTemplates,
  VARIANTS,
  variantName,
} from './support/manifests.js';

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe.each(VARIANTS.map((env) => [variantName(env), env] as const))('%s wiring', (_name, env) => {
  const objects = objectsOf(env);
  const deployments = ofKind(objects, 'Deployment');
  const containerOf = (deployment: K8sObject) => deployment.spec.template.spec.containers[0];

  it('selects exactly one Deployment with every Service', () => {
    for (const service of ofKind(objects, 'Service')) {
      const selected = deployments.filter(
        (deployment) =>
          deployment.metadata.namespace === service.metadata.namespace &&
          matches(service.spec.selector, deployment.spec.template.metadata.labels),
      );
      expect(
        selected.map((d) => d.metadata.name),
        service.metadata.name,
      ).toEqual([service.metadata.name]);
      const ports = containerOf(selected[0]!).ports.map(
        (port: { containerPort: number }) => port.containerPort,
      );
      for (const port of service.spec.ports)
        expect(ports, `${service.metadata.name}:${port.targetPort}`).toContain(port.targetPort);
    }
  });

  it("matches each Deployment's own selector to its pods, and probes a declared port", () => {
    for (const deployment of deployments) {
      expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(
        true,
      );
      const container = containerOf(deployment);
      const ports = container.ports.map((port: { containerPort: number }) => port.containerPort);
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        expect(ports, `${deployment.metadata.name} ${probe}`).toContain(container[probe].httpGet.port);
      }
    }
  });

  it('targets an existing Deployment with CPU requests from every HPA, within PDB-compatible bounds', () => {
    for (const hpa of ofKind(objects, 'HorizontalPodAutoscaler')) {
      const target = deployments.find(
        (deployment) => deployment.metadata.name === hpa.spec.scaleTargetRef.name,
      );
      expect(target, hpa.metadata.name).toBeDefined();
      expect(containerOf(target!).resources.requests.cpu).toMatch(/^\d+m$/);
      expect(target!.spec.replicas, 'the HPA owns the replica count').toBeUndefined();
      const pdb = ofKind(objects, 'PodDisruptionBudget').find((p) => p.metadata.name === hpa.metadata.name);
      if (pdb) expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
    }
    for (const pdb of ofKind(objects, 'PodDisruptionBudget')) {
      const target = deployments.find((deployment) =>
        matches(pdb.spec.selector.matchLabels, deployment.spec.template.metadata.labels),
      )!;
      const minimum =
        target.spec.replicas ??
        ofKind(objects, 'HorizontalPodAutoscaler').find((h) => h.metadata.name === target.metadata.name)!.spec
          .minReplicas;
      expect(pdb.spec.minAvailable, pdb.metadata.name).toBeLessThan(minimum);
    }
  });

  it('has the HPA bounds and replica counts of its configuration (none of them in dev)', () => {
    for (const service of SERVICES) {
      const scaling = env.services[service.name].scaling;
      const hpa = ofKind(objects, 'HorizontalPodAutoscaler').find((h) => h.metadata.name === service.name);
      if (scaling.kind === 'hpa')
        expect([hpa?.spec.minReplicas, hpa?.spec.maxReplicas]).toEqual([scaling.min, scaling.max]);
      else expect(hpa).toBeUndefined();
    }
    if (env.name === 'dev') {
      expect(ofKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
      expect(ofKind(objects, 'PodDisruptionBudget')).toEqual([]);
    }
  });

  it('references only declared Secrets and keys, in the pod’s namespace', () => {
    const declared = Object.values(declareSecrets(env));
    const references = podTemplates(objects).flatMap((pod) =>
      pod.spec.containers.flatMap(
        (container: { env?: { valueFrom?: { secretKeyRef?: { name: string; key: string } } }[] }) =>
          (container.env ?? []).flatMap((variable) =>
            variable.valueFrom?.secretKeyRef ? [{ pod, ...variable.valueFrom.secretKeyRef }] : [],
          ),
      ),
    );
    expect(references.length).toBeGreaterThan(5);
    for (const reference of references) {
      const secret = declared.find(
        (s) => s.name === reference.name && s.namespace === reference.pod.namespace,
      );
      expect(secret?.keys, `${reference.pod.owner}: ${reference.name}/${reference.key}`).toContain(
        reference.key,
      );
    }
    expect(ofKind(objects, 'Secret'), 'no Secret is emitted with a value').toEqual([]);
  });

  it('sets only variables the service reads, secrets from Secrets, and defines a $(VAR) before it is used', () => {
    for (const service of SERVICES) {
      const deployment = deployments.find((d) => d.metadata.name === service.name)!;
      const variables: { name: string; value?: string; valueFrom?: unknown }[] = containerOf(deployment).env;
      for (const [index, variable] of variables.entries()) {
        const helper = variable.name === 'DATABASE_PASSWORD';
        expect(
          helper || service.env.includes(variable.name as never),
          `${service.name} ${variable.name}`,
        ).toBe(true);
        if ((service.secretEnv as readonly string[]).includes(variable.name) || helper) {
          expect(
            variable.value ?? '',
            `${service.name} ${variable.name} holds no literal secret`,
          ).not.toMatch(/:[^$@/]+@/);
        }
        for (const [, used] of (variable.value ?? '').matchAll(/\$\(([A-Z_]+)\)/g)) {
          expect(
            variables.slice(0, index).map((v) => v.name),
            `${variable.name} uses ${used}`,
          ).toContain(used);
        }
      }
    }
  });

  it('points catalog-read at the replica (primary as fallback) and admin-write at the primary', () => {
    const value = (service: string, name: string) =>
      containerOf(deployments.find((d) => d.metadata.name === service)!).env.find(
        (v: { name: string }) => v.name === name,
      )?.value;
    const cluster = `moco-${env.database.clusterName}`;
    expect(value('catalog-read', 'DATABASE_URL')).toContain(
      `@${cluster}-replica.${env.database.namespace}.svc:3306/`,
    );
    expect(value('catalog-read', 'FALLBACK_DATABASE_URL')).toContain(`@${cluster}-primary.`);
    expect(value('admin-write', 'DATABASE_URL')).toContain(`@${cluster}-primary.`);
    const migration = ofKind(objects, 'Job').find((job) => job.metadata.namespace === env.namespace)!;
    expect(
      migration.spec.template.spec.containers[0].env.find((v: { name: string }) => v.name === 'DATABASE_URL')
        .value,
    ).toContain(`@${cluster}-primary.`);
  });

  it('routes each host and path to the intended Service and port, the admin ones behind their middlewares', () => {
    const routes = ofKind(objects, 'Ingress').flatMap((ingress) =>
      ingress.spec.rules.flatMap(
        (rule: {
          host: string;
          http: {
            paths: { path: string; backend: { service: { name: string; port: { number: number } } } }[];
          };
        }) =>
          rule.http.paths.map((path) => ({
            ingress: ingress.metadata.name,
            route: `${rule.host}${path.path}`,
            to: `${path.backend.service.name}:${path.backend.service.port.number}`,
            middlewares:
              ingress.metadata.annotations?.['traefik.ingress.kubernetes.io/router.middlewares'] ?? '',
            className: ingress.spec.ingressClassName,
          })),
      ),
    );
    const { api, www, admin } = env.edge.hosts;
    expect(routes.map(({ route, to }) => [route, to]).sort()).toEqual(
      [
        [`${api}/api/v1`, 'catalog-read:8080'],
        [`${api}/api/admin`, 'admin-write:8081'],
        [`${www}/`, 'catalog-web:3000'],
        [`${admin}/`, 'admin-web:3001'],
      ].sort(),
    );
    const middlewares = ofKind(objects, 'Middleware').map(
      (m) => `${m.metadata.namespace}-${m.metadata.name}@kubernetescrd`,
    );
    const guards = (ingress: string) =>
      routes
        .find((route) => route.ingress === ingress)!
        .middlewares.split(',')
        .filter(Boolean);
    expect(guards('admin-api').sort()).toEqual(middlewares.sort());
    expect(guards('admin-console')).toEqual([`${env.namespace}-admin-allow-list@kubernetescrd`]);
    expect(guards('public-api')).toEqual([]);
    for (const route of routes) expect(route.className).toBe(env.edge.ingressClassName);
    for (const service of ofKind(objects, 'Service')) {
      const port = routes.find((route) => route.to.startsWith(`${service.metadata.name}:`))?.to.split(':')[1];
      expect(
        service.spec.ports.map((p: { port: number }) => String(p.port)),
        service.metadata.name,
      ).toContain(port);
    }
  });

  it('requests TLS from cert-manager exactly when the environment has an issuer', () => {
    for (const ingress of ofKind(objects, 'Ingress')) {
      const annotations = ingress.metadata.annotations as Record<string, string>;
      expect(annotations['cert-manager.io/cluster-issuer']).toBe(env.edge.tls?.clusterIssuer);
      expect(Boolean(ingress.spec.tls)).toBe(Boolean(env.edge.tls));
    }
  });
});
