/**
 * Starts what the browser tests need: the static server over the e2e build and Debian's headless
 * Chromium through playwright-core. Without Chromium the suite says why, loudly; in CI that fails.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Plain CommonJS helpers shared with the jest config and `npm start`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { E2E_DIST, CHROMIUM_PATH, missingBrowserReason } = require('./e2e-paths') as {
  E2E_DIST: string;
  CHROMIUM_PATH: string;
  missingBrowserReason(): string | null;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveDist } = require('../../scripts/serve-dist') as {
  serveDist(options: {
    root: string;
    port?: number;
    host?: string;
  }): Promise<{ url: string; close(): Promise<void> }>;
};

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Registers the suite, or — without a browser — one test that explains why: skipped locally
 * (with a console.error nobody can miss), failing when CI is set.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  const missing = missingBrowserReason();
  if (!missing) {
    describe(name, body);
    return;
  }
  console.error(`\n*** ${name}: END-TO-END TESTS NOT RUN: ${missing} ***\n`);
  if (process.env.CI) {
    test(`${name}: Chromium is required in CI`, () => {
      throw new Error(missing);
    });
  } else {
    test.skip(`${name}: NOT RUN, ${missing}`, () => undefined);
  }
}

export interface Harness {
  browser: Browser;
  baseUrl: string;
  /** Browser contexts opened by the tests; closeContexts() ends them even when a test failed. */
  contexts: BrowserContext[];
  closeContexts(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server = await serveDist({ root: E2E_DIST, port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const contexts: BrowserContext[] = [];
  const closeContexts = async () => {
    const open = contexts.splice(0);
    await Promise.all(open.map((context) => context.close().catch(() => undefined)));
  };
  return {
    browser,
    baseUrl: server.url,
    contexts,
    closeContexts,
    close: async () => {
      await closeContexts();
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the playground and waits until the send handler is loaded and the pane has a verdict. */
export async function openPlayground(harness: Harness, width = 1400): Promise<Page> {
  // A context per page: axe needs one, and pages share nothing (storage, cache) between tests.
  // Reduced motion: the dialog is measured (contrast) and photographed after, not during, its fade-in.
  const context = await harness.browser.newContext({
    viewport: { width, height: 1000 },
    reducedMotion: 'reduce',
  });
  harness.contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Nothing may leave the page: every request goes to the local test server.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${harness.baseUrl}playground/`);
  await page.getByTestId('verdict').waitFor();
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
  return page;
}
