import { runService, untraced } from '@mystore/service-kernel';
import { buildAdminWrite } from './app.js';
import { loadAdminWriteConfig } from './config.js';

// Reads configuration, starts, and shuts down; everything else is in app.ts.
try {
  const config = loadAdminWriteConfig();
  const { app, registry, handle } = await buildAdminWrite(config);
  // Fail fast on a wrong DATABASE_URL: one line naming the problem.
  // Start-up checks are not traced: they belong to no request.
  await untraced(() => handle.verify()).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  await runService(app, registry, config);
} catch (error) {
  console.error(`admin-write: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
