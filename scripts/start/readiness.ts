import { setTimeout as sleep } from 'node:timers/promises';

/** How long the services get to answer /readyz (tsx compiles them on first start). */
const READY_TIMEOUT_MS = 120_000;

/**
 * Resolves once `readyUrl` answers 200 and then `api.url` answers anything but 503: a service that has
 * just started may still shed load for a moment (its event-loop delay sample covers the start-up), and
 * the ready block promises URLs that answer. Rejects when `gone` settles first (the service exited) or
 * after READY_TIMEOUT_MS, with the last answer.
 */
export async function waitUntilReady(
  name: string,
  readyUrl: string,
  api: { readonly url: string; readonly headers?: Record<string, string> },
  gone: Promise<unknown>,
): Promise<void> {
  let exited = false;
  void gone.then(() => {
    exited = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  const answers = async (url: string, ok: (status: number) => boolean, headers?: Record<string, string>) => {
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      last = `${url}: ${response.status} ${body.slice(0, 200)}`;
      return ok(response.status);
    } catch (error) {
      last = `${url}: ${(error as Error).message}`;
      return false;
    }
  };
  let probed = false;
  while (!exited && Date.now() < deadline) {
    probed ||= await answers(readyUrl, (status) => status === 200);
    if (probed && (await answers(api.url, (status) => status !== 503, api.headers))) return;
    await sleep(200);
  }
  throw new Error(
    exited
      ? `${name} exited before it was ready`
      : `${name} was not ready after ${READY_TIMEOUT_MS / 1000} s (${last})`,
  );
}
