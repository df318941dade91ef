import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/index.js';

export type PodSecurityLevel = 'restricted' | 'baseline';

/**
 * The app namespace enforces Pod Security `restricted`. The database namespace enforces `baseline`
 * (MOCO's pods are not shown to pass `restricted`) and warns and audits against `restricted`.
 */
export class Namespaces extends Construct {
  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    namespace(this, env.namespace, 'restricted');
    namespace(this, env.database.namespace, 'baseline');
  }
}

function namespace(scope: Construct, name: string, enforce: PodSecurityLevel) {
  const created = new kplus.Namespace(scope, name, {
    metadata: {
      name,
      labels: {
        'app.kubernetes.io/part-of': 'mystore',
        'pod-security.kubernetes.io/enforce': enforce,
        'pod-security.kubernetes.io/enforce-version': 'v1.33',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      },
    },
  });
  // cdk8s-plus-27 writes an empty spec.
  ApiObject.of(created).addJsonPatch(JsonPatch.remove('/spec'));
}
