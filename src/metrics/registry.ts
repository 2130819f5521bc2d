import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's own metrics: what its job processors did since it started. Every painpoint process
 * (worker, serve, demo) has this registry; the worker exposes it on its own port
 * (PAINPOINT_METRICS_PORT), serve on /metrics beside the figures it reads from the database.
 */
export const processRegistry = new Registry();
collectDefaultMetrics({ register: processRegistry, prefix: 'painpoint_process_' });

const registers = [processRegistry];

export const itemsRead = new Counter({ name: 'painpoint_items_read_total', help: 'Records that reached the ingest stage', labelNames: ['channel', 'source'], registers });
export const itemsRejected = new Counter({ name: 'painpoint_items_rejected_total', help: 'Records ingest rejected (see rejected_items)', labelNames: ['source'], registers });
export const itemsStored = new Counter({ name: 'painpoint_items_stored_total', help: 'Items the store stage committed', registers });
export const stageSeconds = new Histogram({
  name: 'painpoint_stage_duration_seconds',
  help: 'Time a pipeline stage took for one batch job',
  labelNames: ['stage'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers,
});
export const deliverySeconds = new Histogram({
  name: 'painpoint_alert_delivery_duration_seconds',
  help: 'Time of one webhook delivery attempt, by endpoint',
  labelNames: ['endpoint', 'kind'],
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  registers,
});
export const deliveryFailures = new Counter({ name: 'painpoint_alert_delivery_failures_total', help: 'Webhook delivery attempts that failed, by endpoint', labelNames: ['endpoint', 'kind'], registers });
export const crawlPages = new Counter({ name: 'painpoint_crawl_pages_total', help: 'Pages crawled, by source', labelNames: ['source'], registers });
export const crawlFailures = new Counter({ name: 'painpoint_crawl_failures_total', help: 'Crawl pages that failed after their retries, and runs that failed or broke, by source', labelNames: ['source', 'what'], registers });
/** Monitor checks (monitors/check.ts): one per enabled monitor and check, outcome ok | fired | error. */
export const monitorRuns = new Counter({ name: 'painpoint_monitor_runs_total', help: 'Monitor checks run, by monitor and outcome', labelNames: ['monitor', 'outcome'], registers });

/** One batch job of a stage: its time (and, for store, the items committed); returns the result. */
export function observeStage<R extends { ms: number; items: number }>(stage: string, result: R): R {
  stageSeconds.observe({ stage }, result.ms / 1000);
  if (stage === 'store') itemsStored.inc(result.items);
  return result;
}

/** An ingest job: the records it read and rejected, and its time; returns the result. */
export function observeIngest<R extends { ms: number; items: number }>(entries: readonly { record: unknown }[], rejected: number, result: R): R {
  for (const e of entries) {
    const r = e.record as { channel?: unknown; source?: unknown } | undefined;
    itemsRead.inc({ channel: String(r?.channel ?? ''), source: String(r?.source ?? '') });
  }
  if (rejected > 0) itemsRejected.inc({ source: String((entries[0]?.record as { source?: unknown } | undefined)?.source ?? '') }, rejected);
  return observeStage('ingest', result);
}

/** Times one delivery attempt; a throw counts as a failure of that endpoint and is rethrown. */
export async function timeDelivery<T>(job: { endpoint: string; kind: string }, attempt: () => Promise<T>): Promise<T> {
  const labels = { endpoint: job.endpoint, kind: job.kind };
  const end = deliverySeconds.startTimer(labels);
  try {
    return await attempt();
  } catch (err) {
    deliveryFailures.inc(labels);
    throw err;
  } finally {
    end();
  }
}

/** A crawl run's pages and failures. */
export function observeCrawl<S extends { pages?: number; pagesFailed?: number; status?: string } | { skipped: string }>(source: string, summary: S): S {
  if ('skipped' in summary) return summary;
  crawlPages.inc({ source }, summary.pages ?? 0);
  if (summary.pagesFailed) crawlFailures.inc({ source, what: 'page' }, summary.pagesFailed);
  if (summary.status === 'failed' || summary.status === 'broken') crawlFailures.inc({ source, what: `run_${summary.status}` });
  return summary;
}
