import type { Page } from 'playwright-core';
import type { PaginationConfig, SourceConfig } from '../../config/index.ts';
import { countItemsScript, nextLinkScript, SCROLL_TO_END_SCRIPT } from './page-scripts.ts';

/**
 * How a source reaches its next page. `next` navigates to another URL; `loadMore` and
 * `infiniteScroll` stay on the page and make it append items (the crawler reads those past the
 * ones it has). Each kind is one small implementation behind one interface.
 */
export type PageTurn =
  | { kind: 'navigate'; url: string }
  | { kind: 'appended' }
  | { kind: 'end'; reason: string };

/** What the page is waiting for: requests held for their host's turn or for their answer. */
export interface PageActivity {
  readonly pending: number;
  /** Of those, the ones still waiting for their host's turn. */
  readonly queued: number;
  /** When a request last left the host's queue (ms since the epoch; 0: none yet). */
  readonly lastTurnAt: number;
}

/**
 * The end of the page's timeout: `timeoutMs` after `since` or after a request of the page last got
 * its host's turn, whichever is later. A wait in the host's queue is the rate limit's, not the
 * site failing to answer, so it never runs the timeout down.
 */
function timeoutEnd(activity: PageActivity, since: number, timeoutMs: number): number {
  return Math.max(since, activity.lastTurnAt) + timeoutMs;
}

/** How long a wait for more items lasts before the timeout and the queue are looked at again. */
const WAIT_SLICE_MS = 250;

export interface Paginator {
  readonly maxPages: number;
  /** Moves past the current page; `itemsSoFar` is how many items the page shows now. */
  turn(page: Page, itemsSoFar: number, activity: PageActivity): Promise<PageTurn>;
}

/** The pagination union flattened: exactly one key is set (the schema makes sure). */
type PaginationShape = Partial<{
  next: { selector: string; maxPages: number };
  loadMore: { selector: string; maxPages: number };
  infiniteScroll: { maxPages: number; idleMs: number };
}>;
type PaginationKind = keyof PaginationShape;

async function waitForMoreItems(page: Page, source: SourceConfig, itemsSoFar: number, timeoutMs: number): Promise<boolean> {
  try {
    await page.waitForFunction(`${countItemsScript(source.item)} > ${itemsSoFar}`, undefined, { timeout: timeoutMs, polling: 100 });
    return true;
  } catch {
    return false;
  }
}

const paginators = {
  next: (source, config) => ({
    maxPages: config.next!.maxPages,
    async turn(page) {
      const url = (await page.evaluate(nextLinkScript(config.next!.selector))) as string | null;
      if (!url || url === page.url()) return { kind: 'end', reason: 'no next link' };
      return { kind: 'navigate', url };
    },
  }),
  loadMore: (source, config) => ({
    maxPages: config.loadMore!.maxPages,
    async turn(page, itemsSoFar, activity) {
      const button = page.locator(config.loadMore!.selector).first();
      if ((await button.count()) === 0 || !(await button.isVisible()) || (await button.isDisabled())) {
        return { kind: 'end', reason: 'no load-more button' };
      }
      await button.click({ timeout: source.timeoutMs });
      const clicked = Date.now();
      do {
        if (await waitForMoreItems(page, source, itemsSoFar, WAIT_SLICE_MS)) return { kind: 'appended' };
      } while (activity.queued > 0 || Date.now() < timeoutEnd(activity, clicked, source.timeoutMs));
      return { kind: 'end', reason: 'load-more added no items' };
    },
  }),
  infiniteScroll: (source, config) => ({
    maxPages: config.infiniteScroll!.maxPages,
    async turn(page, itemsSoFar, activity) {
      await page.evaluate(SCROLL_TO_END_SCRIPT);
      // The page is idle only when nothing it asked for is still waiting: a fetch held back by the
      // host's rate limit is not the end of the list. The page's own timeout bounds the wait for
      // answers, not the wait for the host's turn.
      const scrolled = Date.now();
      do {
        if (await waitForMoreItems(page, source, itemsSoFar, config.infiniteScroll!.idleMs)) return { kind: 'appended' };
      } while (activity.queued > 0 || (activity.pending > 0 && Date.now() < timeoutEnd(activity, scrolled, source.timeoutMs)));
      return { kind: 'end', reason: 'scrolling added no items' };
    },
  }),
} satisfies Record<PaginationKind, (source: SourceConfig, config: PaginationShape) => Paginator>;

const SINGLE_PAGE: Paginator = { maxPages: 1, turn: async () => ({ kind: 'end', reason: 'no pagination' }) };

export function paginatorFor(source: SourceConfig): Paginator {
  const config: PaginationShape | undefined = source.pagination satisfies PaginationConfig | undefined;
  if (!config) return SINGLE_PAGE;
  const kind = (Object.keys(config) as PaginationKind[])[0]!;
  return paginators[kind](source, config);
}
