import { object, QUANTITY, resource, STRING_MAP, strings } from './common.js';

/**
 * The fields of MOCO's CRDs (moco.cybozu.com/v1beta2, release v0.36.0: config/crd/bases and
 * docs/crd_*_v1beta2.md) that the app writes, with their types and constraints there. Anything else is
 * refused, so a misspelt or unsupported field fails the test instead of being dropped by the API server.
 */
const resources = object({
  requests: { type: 'object', additionalProperties: QUANTITY },
  limits: { type: 'object', additionalProperties: QUANTITY },
});

export const MYSQL_CLUSTER_SCHEMA = resource(
  'moco.cybozu.com/v1beta2',
  'MySQLCluster',
  object(
    {
      // "Available values are positive odd numbers."
      replicas: { type: 'integer', enum: [1, 3, 5] },
      mysqlConfigMapName: { type: 'string' },
      maxDelaySeconds: { type: 'integer', minimum: 0 },
      collectors: strings,
      backupPolicyName: { type: 'string' },
      podTemplate: object(
        {
          metadata: object({ labels: STRING_MAP, annotations: STRING_MAP }),
          spec: object(
            {
              containers: {
                type: 'array',
                minItems: 1,
                // "The name of the MySQL server container in this spec must be `mysqld`."
                contains: { type: 'object', properties: { name: { const: 'mysqld' } }, required: ['name'] },
                items: object({ name: { type: 'string' }, image: { type: 'string' }, resources }, ['name']),
              },
            },
            ['containers'],
          ),
        },
        ['spec'],
      ),
      volumeClaimTemplates: {
        type: 'array',
        minItems: 1,
        // "A claim named mysql-data must be included in the list."
        contains: {
          type: 'object',
          properties: {
            metadata: { type: 'object', properties: { name: { const: 'mysql-data' } }, required: ['name'] },
          },
          required: ['metadata'],
        },
        items: object(
          {
            metadata: object({ name: { type: 'string' }, labels: STRING_MAP, annotations: STRING_MAP }, [
              'name',
            ]),
            spec: object(
              {
                accessModes: strings,
                storageClassName: { type: 'string' },
                // The webhook refuses a template without a storage request.
                resources: object({ requests: object({ storage: QUANTITY }, ['storage']) }, ['requests']),
              },
              ['resources'],
            ),
          },
          ['metadata', 'spec'],
        ),
      },
    },
    ['podTemplate', 'volumeClaimTemplates'],
  ),
);

export const BACKUP_POLICY_SCHEMA = resource(
  'moco.cybozu.com/v1beta2',
  'BackupPolicy',
  object(
    {
      schedule: { type: 'string', minLength: 1 },
      concurrencyPolicy: { enum: ['Allow', 'Forbid', 'Replace'] },
      jobConfig: object(
        {
          serviceAccountName: { type: 'string', minLength: 1 },
          envFrom: {
            type: 'array',
            items: object({ secretRef: object({ name: { type: 'string' } }, ['name']) }),
          },
          bucketConfig: object(
            {
              bucketName: { type: 'string', minLength: 1 },
              endpointURL: { type: 'string' },
              region: { type: 'string' },
              usePathStyle: { type: 'boolean' },
            },
            ['bucketName'],
          ),
          workVolume: object({
            emptyDir: object({}),
            ephemeral: object(
              {
                volumeClaimTemplate: object(
                  { spec: object({ accessModes: strings, resources: object({ requests: STRING_MAP }) }) },
                  ['spec'],
                ),
              },
              ['volumeClaimTemplate'],
            ),
          }),
        },
        ['serviceAccountName', 'bucketConfig', 'workVolume'],
      ),
    },
    ['schedule', 'jobConfig'],
  ),
);
