import type { Page } from 'playwright-core';
import type { SourceConfig } from '../../config/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { RequestGate } from './request-gate.ts';

export type LoadResult = { ok: true; attempts: number } | { ok: false; attempts: number; reason: string };

/** Statuses worth another try: the site is busy or briefly broken, not refusing us. */
function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/**
 * Opens a page and waits for its reviews: the document, then the `waitFor` selector for pages
 * that render with JavaScript. A 5xx, 429, timeout or a `waitFor` that never appears is tried again
 * (`retries` more times, backing off); another 4xx is final at once. Each attempt first waits for
 * its host's turn, so `timeoutMs` is the site's time, not the rate limit's queue.
 */
export async function loadPage(page: Page, url: string, source: SourceConfig, gate: Pick<RequestGate, 'holdTurn'>, logger: Logger): Promise<LoadResult> {
  const attempts = source.retries + 1;
  let reason = 'not tried';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const turn = await gate.holdTurn(url);
    try {
      const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: source.timeoutMs });
      const status = response?.status() ?? 200;
      if (status >= 400 && !retryableStatus(status)) return { ok: false, attempts: attempt, reason: `HTTP ${status}` };
      if (status >= 400) {
        reason = `HTTP ${status}`;
      } else if (source.waitFor) {
        await page.waitForSelector(source.waitFor, { state: 'attached', timeout: source.timeoutMs });
        return { ok: true, attempts: attempt };
      } else {
        return { ok: true, attempts: attempt };
      }
    } catch (err) {
      const message = (err as Error).message.split('\n')[0] ?? String(err);
      reason = /waitForSelector/.test(message) ? `waitFor "${source.waitFor}" never appeared` : message;
    } finally {
      await turn.release();
    }
    if (attempt < attempts) {
      logger.warn({ source: source.id, url, attempt, reason }, 'page failed: retrying');
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
    }
  }
  return { ok: false, attempts, reason };
}
