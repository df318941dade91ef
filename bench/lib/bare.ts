import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReplayedResponse } from '../bare-server.js';
import {
  compareResponses,
  getRaw,
  header,
  headerBytes,
  PER_RESPONSE_HEADERS,
  type RawResponse,
} from './http.js';
import { freePort, type ServiceProcess, startNodeProcess, type Teardown, waitForHttp } from './processes.js';
import { productionEnv, RUNTIME_FLAGS } from './services.js';

/** Warms the caching process until the list answers from its cache, and returns that response. */
export async function captureCachedResponse(url: string): Promise<RawResponse> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const response = await getRaw(url);
    if (response.status !== 200) {
      throw new Error(
        `GET ${url} answered ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`,
      );
    }
    if (header(response, 'x-cache') === 'hit') return response;
    await sleep(100);
  }
  throw new Error(`GET ${url} never answered from the cache (x-cache: hit)`);
}

/**
 * Starts bench/bare-server.ts (the bare-Fastify baseline) replaying `capture` on `routePath`, with the
 * services' Node flags.
 */
export async function startBareServer(
  capture: RawResponse,
  routePath: string,
  teardown: Teardown,
  logDir: string | undefined,
): Promise<{ url: string; process: ServiceProcess }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mystore-bench-'));
  teardown.add('bare server files', () => rm(dir, { recursive: true, force: true }));
  const replay: ReplayedResponse = {
    path: routePath,
    status: capture.status,
    headers: capture.headers.filter(([name]) => !PER_RESPONSE_HEADERS.has(name.toLowerCase())),
    bodyBase64: capture.body.toString('base64'),
  };
  const file = path.join(dir, 'response.json');
  await writeFile(file, JSON.stringify(replay));
  const port = await freePort();
  const proc = startNodeProcess({
    name: 'bare-fastify',
    nodeArgs: [...RUNTIME_FLAGS, '--import', 'tsx', path.join('bench', 'bare-server.ts')],
    env: productionEnv({ BARE_RESPONSE_FILE: file, PORT: String(port) }),
    logDir,
  });
  teardown.add('bare-fastify', () => proc.stop());
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}${routePath}`, proc);
  return { url: base, process: proc };
}

/**
 * The bare-Fastify baseline for `requestPath`, checked to answer exactly what `capture` holds (status,
 * body, header names, order and values); throws if it does not.
 */
export async function startIdenticalBareServer(
  capture: RawResponse,
  routePath: string,
  requestPath: string,
  options: { teardown: Teardown; logDir: string | undefined; log(message: string): void },
): Promise<{ url: string; process: ServiceProcess; responseBytes: number }> {
  const bare = await startBareServer(capture, routePath, options.teardown, options.logDir);
  const differences = compareResponses(capture, await getRaw(`${bare.url}${requestPath}`));
  if (differences.length > 0) {
    throw new Error(`the bare server's response is not identical:\n  ${differences.join('\n  ')}`);
  }
  const responseBytes = capture.body.length + headerBytes(capture);
  options.log(
    `bare Fastify replays catalog-read's cached response identically (${capture.body.length} body bytes, ` +
      `${capture.headers.length} headers, ${responseBytes} bytes on the wire)`,
  );
  return { ...bare, responseBytes };
}
