/**
 * `npx tsx deploy/cdk8s/scripts/create-secrets.ts <env>`: creates the Secrets the manifests reference
 * (src/secrets.ts) with random values, in the current kubectl context. A Secret that exists is kept.
 * The same MySQL password goes to the app namespace and to the bootstrap Job's Secret; admin-web's token
 * is one of ADMIN_TOKENS. ADMIN_PASSWORD_HASH (admin-web's format) must be given in the environment.
 * Values go to kubectl on stdin, never on a command line.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ENVIRONMENTS } from '../src/config/index.js';
import { declareSecrets, type SecretDeclaration } from '../src/secrets.js';

const env = ENVIRONMENTS.find((candidate) => candidate.name === process.argv[2]);
if (!env) {
  console.error(`usage: create-secrets.ts ${ENVIRONMENTS.map((candidate) => candidate.name).join('|')}`);
  process.exit(2);
}
const passwordHash = process.env.ADMIN_PASSWORD_HASH;
if (!passwordHash) {
  console.error('create-secrets: set ADMIN_PASSWORD_HASH to the owner password hash (see deploy/README.md)');
  process.exit(2);
}

const secrets = declareSecrets(env);
const random = () => randomBytes(24).toString('hex');
const passwords = { catalogRead: random(), adminWrite: random(), migrate: random() };
const adminToken = random();
const values = new Map<SecretDeclaration, Record<string, string>>([
  [secrets.catalogReadDatabase, { password: passwords.catalogRead }],
  [secrets.adminWriteDatabase, { password: passwords.adminWrite }],
  [secrets.migrateDatabase, { password: passwords.migrate }],
  [
    secrets.databaseUsers,
    {
      'catalog-read': passwords.catalogRead,
      'admin-write': passwords.adminWrite,
      migrate: passwords.migrate,
    },
  ],
  [secrets.adminWriteTokens, { ADMIN_TOKENS: `admin-web:${adminToken}` }],
  [
    secrets.adminWeb,
    {
      ADMIN_API_TOKEN: adminToken,
      ADMIN_PASSWORD_HASH: passwordHash,
      SESSION_SECRET: randomBytes(32).toString('base64'),
    },
  ],
]);

const exists = (secret: SecretDeclaration) =>
  execFileSync('kubectl', [
    '-n',
    secret.namespace,
    'get',
    'secret',
    secret.name,
    '--ignore-not-found',
    '-o',
    'name',
  ])
    .toString()
    .trim() !== '';

// The database Secrets are one set: created together or not at all, so the passwords agree.
const groups = [
  [secrets.catalogReadDatabase, secrets.adminWriteDatabase, secrets.migrateDatabase, secrets.databaseUsers],
  [secrets.adminWriteTokens, secrets.adminWeb],
];
for (const group of groups) {
  if (group.some(exists)) {
    console.error(`kept: ${group.map((secret) => secret.name).join(', ')}`);
    continue;
  }
  for (const secret of group) {
    const manifest = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: secret.name,
        namespace: secret.namespace,
        labels: { 'app.kubernetes.io/part-of': 'mystore' },
      },
      type: 'Opaque',
      stringData: values.get(secret),
    };
    execFileSync('kubectl', ['create', '-f', '-'], {
      input: JSON.stringify(manifest),
      stdio: ['pipe', 'inherit', 'inherit'],
    });
  }
}
