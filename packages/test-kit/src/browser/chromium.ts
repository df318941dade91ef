import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { RUN, type SuiteGate, unavailable } from '../gate.js';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH; never a browser download. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Like the MySQL gate: browser suites skip without Chromium outside CI, and fail under CI=true. */
export function chromiumSuiteGate(env: NodeJS.ProcessEnv = process.env): SuiteGate {
  const path = chromiumPath(env);
  return existsSync(path)
    ? RUN
    : unavailable('browser', `no Chromium at ${path} (apt-get install chromium)`, env);
}

/**
 * The system Chromium, headless, through playwright-core. Playwright gives every launch a fresh
 * temporary profile (its own --user-data-dir, removed on close); the flags keep Chromium off the
 * network and quiet.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Headless through the flag itself, as Chromium documents it, rather than Playwright's shell mode.
    headless: false,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
