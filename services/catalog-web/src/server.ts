import { runService } from '@mystore/service-kernel';
import { buildCatalogWeb } from './app.js';
import { loadCatalogWebConfig } from './config.js';

// Reads configuration, starts, and shuts down; everything else is in app.ts.
try {
  const config = loadCatalogWebConfig();
  const { app, registry } = await buildCatalogWeb(config);
  await runService(app, registry, config);
} catch (error) {
  console.error(`catalog-web: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
