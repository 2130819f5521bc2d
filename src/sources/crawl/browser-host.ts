import fs from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { ConfigError } from '../../errors/index.ts';
import type { Logger } from '../../log/logger.ts';

/** Flags for a headless Chromium that talks to nothing but the pages it is sent to. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export interface ContextOptions {
  userAgent: string;
  cookies?: { name: string; value: string; domain: string; path: string; secure?: boolean | undefined; httpOnly?: boolean | undefined }[] | undefined;
}

/**
 * One Chromium per worker process, launched on first use and reused across jobs; each job gets a
 * fresh context (its own cookies, cache and storage) and closes it. A browser that crashed is
 * launched again on the next job. Playwright gives every launch a fresh temporary profile.
 */
export class BrowserHost {
  private browser: Promise<Browser> | undefined;

  constructor(private readonly options: { executablePath: string; logger: Logger }) {}

  async newContext(options: ContextOptions): Promise<BrowserContext> {
    const browser = await this.launch();
    const context = await browser.newContext({ userAgent: options.userAgent, locale: 'zh-CN', serviceWorkers: 'block', javaScriptEnabled: true });
    if (options.cookies?.length) await context.addCookies(options.cookies);
    return context;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const { executablePath, logger } = this.options;
      if (!fs.existsSync(executablePath)) {
        throw new ConfigError(`Chromium not found at ${executablePath} (install the chromium package or set PAINPOINT_CHROMIUM)`, { key: 'crawl.chromium' });
      }
      // Signals are the worker's to handle: it finishes the crawl in flight, then closes the browser.
      // (Playwright's own handlers would kill Chromium mid-page and exit the process.)
      // Playwright is loaded at the first launch, not with the module: a worker without a crawl stage
      // (and every command but crawl) never pays its second of start-up.
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false }),
      );
      this.browser = launching;
      launching.then(
        (browser) => {
          logger.info({ version: browser.version() }, 'chromium started');
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = undefined;
          });
        },
        () => {
          if (this.browser === launching) this.browser = undefined;
        },
      );
    }
    return this.browser;
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await (await browser.catch(() => undefined))?.close();
  }
}
