import { assertDatabaseFileExists } from '@mystore/db';
import { runService, untraced } from '@mystore/service-kernel';
import { buildAdminWrite } from './app.js';
import { loadAdminWriteConfig } from './config.js';

// Reads configuration, starts, and shuts down; everything else is in app.ts.
try {
  const config = loadAdminWriteConfig();
  // A missing SQLite file is not created here: the message says how (`npm run migrate`).
  assertDatabaseFileExists(config.DATABASE_URL, config.DATA_DIR);
  const { app, registry, handle } = await buildAdminWrite(config);
  // Fail fast on a wrong DATABASE_URL: one line naming the problem.
  // Start-up checks are not traced: they belong to no request.
  await untraced(() => handle.verify()).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  await runService(app, registry, config);
  if (config.localTokenFile) {
    app.log.info(
      { tokenFile: config.localTokenFile },
      'ADMIN_TOKENS is not set: the owner token is in tokenFile',
    );
  }
} catch (error) {
  console.error(`admin-write: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
