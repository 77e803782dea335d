// One way to start Chromium for every browser test: Debian's /usr/bin/chromium (CHROME_PATH
// overrides) driven by playwright-core, in a persistent context on a fresh temporary profile.
// Flags from docs/toolchain-notes.md: as root Chromium needs --no-sandbox; without the
// background-networking flags it floods the closed network with refused calls.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROME_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Path of the Chromium binary; throws a readable error when it is missing. */
export function chromePath() {
  const p = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    throw new Error(`Chromium not found at ${p}: install it (apt-get install -y chromium) or set CHROME_PATH`);
  }
  return p;
}

/** Fresh, empty profile directory (Chromium refuses --user-data-dir in args with playwright). */
export function freshProfileDir(prefix = 'pnrr-chromium-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Launch Chromium and return its (only) context. `options` are Playwright context options
 * (viewport, javaScriptEnabled, isMobile, …). Call `close()` to quit and delete the profile.
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function launchBrowser(options = {}) {
  const dir = freshProfileDir();
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromePath(),
    headless: true,
    args: CHROME_FLAGS,
    locale: 'it-IT',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  // A persistent context opens with one blank page; close it so callers own every page.
  for (const p of context.pages()) await p.close();
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      // Chromium may still be flushing its profile as it exits: retry rather than leave it behind.
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

/** Run `fn(item)` over `items`, at most `limit` at a time, in order of start. */
export async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  });
  await Promise.all(workers);
  return results;
}
