import type { BrowserContext, Route } from 'playwright-core';
import type { Logger } from '../../log/logger.ts';
import type { HostRateLimiter } from './host-rate-limiter.ts';
import type { RobotsCache } from './robots/robots-cache.ts';

/** What the reviews never need: skipping them spares the site requests and us time. */
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet', 'imageset', 'texttrack', 'manifest', 'other']);

export interface GateCounters {
  /** Requests robots.txt disallowed. */
  blocked: number;
  /** Requests that went out to a site. */
  sent: number;
  /** Requests waiting for their host's turn or for their answer right now. */
  pending: number;
}

/**
 * Every request the page makes passes here before it leaves the browser: documents, scripts and
 * XHR of a page that loads more reviews alike. Each is checked against robots.txt and waits for its
 * host's turn (see HostRateLimiter), so the configured rate is what the site sees, not just our
 * navigations.
 */
export async function installRequestGate(
  context: BrowserContext,
  options: { robots: RobotsCache; limiter: HostRateLimiter; rate: number; timeoutMs: number; logger: Logger },
): Promise<GateCounters> {
  const counters: GateCounters = { blocked: 0, sent: 0, pending: 0 };
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    const url = request.url();
    if (!/^https?:/.test(url)) return route.continue();
    if (SKIPPED_RESOURCES.has(request.resourceType())) return route.abort('blockedbyclient');
    try {
      const policy = await options.robots.policyFor(url);
      if (!policy.isAllowed(url)) {
        counters.blocked++;
        options.logger.info({ url }, 'robots.txt disallows this URL: not fetched');
        return await route.abort('blockedbyclient');
      }
      const delay = policy.crawlDelay;
      const rate = delay && delay > 0 ? Math.min(options.rate || Infinity, 1 / delay) : options.rate;
      if (!(rate > 0)) {
        counters.sent++;
        return await route.continue();
      }
      counters.pending++;
      try {
        const release = await options.limiter.acquire(new URL(url).host, rate, { leaseMs: options.timeoutMs });
        try {
          counters.sent++;
          await route.continue();
          // The host is ours until the answer arrives (null when the request failed), or the timeout.
          await answerOrTimeout(request.response(), options.timeoutMs);
        } finally {
          await release();
        }
      } finally {
        counters.pending--;
      }
    } catch (err) {
      // The page closed while the request waited for its slot: nothing left to continue.
      options.logger.debug({ url, err: (err as Error).message }, 'request dropped');
      await route.abort('failed').catch(() => undefined);
    }
  });
  return counters;
}

/** Waits for a request's answer (or its failure), at most `ms`. */
async function answerOrTimeout(answer: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([answer.catch(() => null), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
