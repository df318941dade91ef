import { runService } from '@mystore/service-kernel';
import { buildAdminWeb } from './app.js';
import { loadAdminWebConfig } from './config.js';

// Reads configuration, starts, and shuts down; everything else is in app.ts.
try {
  const config = loadAdminWebConfig();
  const { app, registry } = await buildAdminWeb(config);
  await runService(app, registry, config);
} catch (error) {
  console.error(`admin-web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
