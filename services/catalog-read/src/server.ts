import { ConfigError, runService, untraced } from '@mystore/service-kernel';
import { buildCatalogRead } from './app.js';
import { loadCatalogReadConfig } from './config.js';

// Reads configuration, starts, and shuts down; everything else is in app.ts.
try {
  const config = loadCatalogReadConfig();
  const { app, registry, source } = await buildCatalogRead(config);
  // Fail fast on a wrong DATABASE_URL, unless a fallback can serve meanwhile.
  // Start-up checks are not traced: they belong to no request.
  await untraced(() => source.current.verify()).catch(async (error: unknown) => {
    if (config.FALLBACK_DATABASE_URL) {
      app.log.error({ err: error }, 'replica unavailable at start; reading from the fallback');
      return;
    }
    await app.close();
    throw error;
  });
  await runService(app, registry, config);
} catch (error) {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`catalog-read: ${message}`);
  process.exit(1);
}
