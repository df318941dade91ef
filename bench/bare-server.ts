/**
 * The baseline "bare Fastify" (DESIGN §8): Fastify with the logger off and no plugins, replaying one
 * response captured from the service under test, with the identical status, body bytes and headers.
 * It measures what Node + Fastify + the bytes cost on this machine, so a service's ratio to it shows
 * what the service's own work costs.
 *
 * Started by the harness as its own process: BARE_RESPONSE_FILE (JSON, see ReplayedResponse), PORT,
 * HOST (127.0.0.1).
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

export interface ReplayedResponse {
  /** The route path to answer (any query string). */
  readonly path: string;
  readonly status: number;
  /** [name, value] pairs in the captured order, per-response headers (date, length…) excluded. */
  readonly headers: readonly (readonly [string, string])[];
  readonly bodyBase64: string;
}

const file = process.env.BARE_RESPONSE_FILE;
if (!file) {
  console.error('bare-server: BARE_RESPONSE_FILE is required');
  process.exit(1);
}
const replay = JSON.parse(readFileSync(file, 'utf8')) as ReplayedResponse;
// Sent as a Buffer, as catalog-read sends its cached bodies (a string would cost an encoding per request).
const body = Buffer.from(replay.bodyBase64, 'base64');
// Headers are written the way the service writes them, so names keep their spelling and order: the ones
// that middleware sets on the raw response (helmet: `Content-Security-Policy`…) go out first, then
// Fastify's own (`x-cache`, `etag`…, lower-cased by reply.header).
const rawHeaders = replay.headers.filter(([name]) => name !== name.toLowerCase());
const replyHeaders: Record<string, string> = Object.fromEntries(
  replay.headers.filter(([name]) => name === name.toLowerCase()),
);

const app = Fastify({ logger: false });
app.get(replay.path, (_request, reply) => {
  for (const [name, value] of rawHeaders) reply.raw.setHeader(name, value);
  reply.code(replay.status).headers(replyHeaders).send(body);
});

const shutdown = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
