import type { BrowserContext, Route } from 'playwright-core';
import type { Logger } from '../../log/logger.ts';
import type { HostRateLimiter, HostRelease } from './host-rate-limiter.ts';
import type { RobotsCache } from './robots/robots-cache.ts';

/** What the reviews never need: skipping them spares the site requests and us time. */
const SKIPPED_RESOURCES = new Set(['image', 'media', 'font', 'stylesheet', 'imageset', 'texttrack', 'manifest', 'other']);

export interface RequestGate {
  /** Requests robots.txt disallowed. */
  readonly blocked: number;
  /** Requests that went out to a site. */
  readonly sent: number;
  /** Requests waiting for their host's turn or for their answer right now. */
  readonly pending: number;
  /** Requests waiting for their host's turn right now: the rate limit's wait, not the site's. */
  readonly queued: number;
  /** When a request last got its host's turn (ms since the epoch; 0: none yet). */
  readonly lastTurnAt: number;
  /**
   * Waits for the host's turn for a navigation to `url` and holds it for the page's next document
   * request, which then goes out at once. A navigation started after this counts its timeout from
   * when its request can leave, not from a wait in the host's queue: one that waited there longer
   * than its timeout failed and was tried again while the first request was still queued, and the
   * site got both. Call `release` once the navigation is over; the request lets go of a turn it took.
   */
  holdTurn(url: string): Promise<HeldTurn>;
}

export interface HeldTurn {
  release(): Promise<void>;
}

/**
 * Every request the page makes passes here before it leaves the browser: documents, scripts and
 * XHR of a page that loads more reviews alike. Each is checked against robots.txt and waits for its
 * host's turn (see HostRateLimiter), so the configured rate is what the site sees, not just our
 * navigations. The context has one page, so a held turn belongs to its next navigation.
 */
export async function installRequestGate(
  context: BrowserContext,
  options: { robots: RobotsCache; limiter: HostRateLimiter; rate: number; timeoutMs: number; logger: Logger },
): Promise<RequestGate> {
  let blocked = 0;
  let sent = 0;
  let pending = 0;
  let queued = 0;
  let lastTurnAt = 0;
  let held: HostRelease | undefined;

  /** The rate robots.txt and the source allow for `url`'s host (0: unlimited), or undefined where it is disallowed. */
  const rateFor = async (url: string): Promise<number | undefined> => {
    const policy = await options.robots.policyFor(url);
    if (!policy.isAllowed(url)) return undefined;
    const delay = policy.crawlDelay;
    return delay && delay > 0 ? Math.min(options.rate || Infinity, 1 / delay) : options.rate;
  };

  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    const url = request.url();
    if (!/^https?:/.test(url)) return route.continue();
    if (SKIPPED_RESOURCES.has(request.resourceType())) return route.abort('blockedbyclient');
    // The turn held for this navigation is its document's, whatever becomes of the request.
    let release: HostRelease | undefined;
    if (held && request.isNavigationRequest()) [release, held] = [held, undefined];
    try {
      const rate = await rateFor(url);
      if (rate === undefined) {
        blocked++;
        options.logger.info({ url }, 'robots.txt disallows this URL: not fetched');
        return await route.abort('blockedbyclient');
      }
      if (!(rate > 0) && !release) {
        sent++;
        return await route.continue();
      }
      pending++;
      try {
        if (!release) {
          queued++;
          try {
            release = await options.limiter.acquire(new URL(url).host, rate, { leaseMs: options.timeoutMs });
            lastTurnAt = Date.now();
          } finally {
            queued--;
          }
        }
        sent++;
        await route.continue();
        // The host is ours until the answer arrives (null when the request failed), or the timeout.
        await answerOrTimeout(request.response(), options.timeoutMs);
      } finally {
        pending--;
      }
    } catch (err) {
      // The page closed while the request waited for its slot: nothing left to continue.
      options.logger.debug({ url, err: (err as Error).message }, 'request dropped');
      await route.abort('failed').catch(() => undefined);
    } finally {
      await release?.();
    }
  });

  return {
    get blocked() {
      return blocked;
    },
    get sent() {
      return sent;
    },
    get pending() {
      return pending;
    },
    get queued() {
      return queued;
    },
    get lastTurnAt() {
      return lastTurnAt;
    },
    async holdTurn(url) {
      const rate = await rateFor(url);
      // Disallowed or unlimited: nothing to hold (the request is refused or sent as it comes).
      if (!(rate !== undefined && rate > 0)) return { release: async () => undefined };
      // Held from before the navigation starts until its answer: its timeout and the answer's wait.
      const release = await options.limiter.acquire(new URL(url).host, rate, { leaseMs: 2 * options.timeoutMs });
      held = release;
      return {
        async release() {
          // Taken by the document request, the turn is the request's to end once answered; not
          // taken (the navigation failed before sending one), it ends here.
          if (held !== release) return;
          held = undefined;
          await release();
        },
      };
    },
  };
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
