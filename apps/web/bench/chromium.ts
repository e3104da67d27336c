import { type Browser, type BrowserContext, chromium } from '@playwright/test';

/** Chromium's switches for the e2e suite (apps/web/playwright.config.ts) and the bench alike. */
export const CHROMIUM_SWITCHES = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The bench's Chromium: Debian's build with the same switches as the e2e suite. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_SWITCHES,
  });
}

/**
 * A new browser context (empty HTTP cache, no storage) signed in through the API, so the session cookie
 * is set. The caller closes it.
 */
export async function signedInContext(
  browser: Browser,
  base: URL,
  credentials: { email: string; password: string },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const login = await context.request.post(new URL('/api/auth/login', base).toString(), {
      data: credentials,
      headers: { origin: base.origin },
    });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    return context;
  } catch (error) {
    await context.close();
    throw error;
  }
}
