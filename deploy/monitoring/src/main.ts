import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_FILE, RULES_FILE, renderDashboard, renderRules } from './render.js';

/** Writes deploy/monitoring/{dashboard.json, rules.yaml}; `npm run synth` then wraps them for Kubernetes. */
const directory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(directory, DASHBOARD_FILE), renderDashboard());
writeFileSync(path.join(directory, RULES_FILE), renderRules());
process.stdout.write(
  `wrote ${DASHBOARD_FILE} and ${RULES_FILE} in ${path.relative(process.cwd(), directory) || '.'}\n`,
);
