import { type Agent, request } from 'node:http';
import { assertLoopback } from './processes.js';

/** One response as it came off the wire: header order and spelling kept (fetch would sort and merge). */
export interface RawResponse {
  readonly status: number;
  readonly statusMessage: string;
  /** [name, value] pairs in the order the server sent them. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
}

export interface SendOptions {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: string;
  /** A keep-alive agent to reuse connections; by default a connection of its own. */
  readonly agent?: Agent;
}

/** One request to loopback, its response read whole. */
export function sendRaw(url: string, options: SendOptions = {}): Promise<RawResponse> {
  assertLoopback(url);
  const { method = 'GET', body } = options;
  const headers =
    body === undefined
      ? options.headers
      : {
          ...options.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: options.agent ?? false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const pairs: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        }
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: pairs,
          body: Buffer.concat(chunks),
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function getRaw(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return sendRaw(url, { headers });
}

export function header(response: RawResponse, name: string): string | undefined {
  const lower = name.toLowerCase();
  return response.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

/**
 * Headers a replay must not fix in advance: Node writes them per response (date, connection handling,
 * length). Everything else is replayed byte for byte.
 */
export const PER_RESPONSE_HEADERS = new Set([
  'date',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

/** Size of the status line and headers as sent (HTTP/1.1, CRLF line ends). */
export function headerBytes(response: RawResponse): number {
  let size = Buffer.byteLength(`HTTP/1.1 ${response.status} ${response.statusMessage}\r\n\r\n`);
  for (const [name, value] of response.headers) size += Buffer.byteLength(`${name}: ${value}\r\n`);
  return size;
}

/**
 * Compares a replay with the original: same status, body bytes, and header names, order and values,
 * except the date and a per-request id, which must only have the same length. Returns the differences.
 */
export function compareResponses(original: RawResponse, replay: RawResponse): string[] {
  const differences: string[] = [];
  if (original.status !== replay.status) differences.push(`status ${original.status} vs ${replay.status}`);
  if (!original.body.equals(replay.body)) {
    differences.push(`body differs (${original.body.length} vs ${replay.body.length} bytes)`);
  }
  const names = (r: RawResponse) => r.headers.map(([name]) => name).join(', ');
  if (names(original) !== names(replay)) {
    differences.push(`header order/names differ:\n    ${names(original)}\n    ${names(replay)}`);
  }
  const sameLengthOnly = new Set(['date', 'x-request-id']);
  for (const [name, value] of original.headers) {
    const other = header(replay, name);
    const key = name.toLowerCase();
    if (other === undefined) continue; // reported above
    if (sameLengthOnly.has(key) ? other.length !== value.length : other !== value) {
      differences.push(`header ${name}: "${value}" vs "${other}"`);
    }
  }
  return differences;
}

/** Counters of one Prometheus text exposition, by metric name and sorted label set. */
export async function scrapeMetrics(url: string): Promise<Map<string, number>> {
  assertLoopback(url);
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (match) samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return samples;
}
