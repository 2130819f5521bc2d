import { Gauge, Registry } from 'prom-client';
import type { QueueKit } from '../pipeline/context.ts';
import { STAGES, queueName } from '../pipeline/queue-names.ts';
import type { Queryable } from '../store/pool.ts';
import { sqlFolder } from '../store/sql-files.ts';

const sql = sqlFolder('dashboard');

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/**
 * Figures every process shares, read at each scrape from the database and the queues: whichever
 * worker did the work, serve's /metrics shows the totals (and they survive restarts).
 */
export function databaseRegistry(db: Queryable, queues: QueueKit | undefined, prefix: string): Registry {
  const registry = new Registry();
  const registers = [registry];
  let snapshot: Promise<{ family: string; a: string; b: string; value: number }[]> | undefined;
  // One query per scrape, shared by the gauges below.
  const rows = () => (snapshot ??= db.query(sql('metrics')).then((r) => r.rows.map((x) => ({ ...x, value: Number(x.value) }))).finally(() => setTimeout(() => (snapshot = undefined), 0)));
  const fromRows = (name: string, help: string, family: string, labelNames: [string, string]) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        this.reset();
        for (const r of await rows()) if (r.family === family) this.set({ [labelNames[0]]: r.a, [labelNames[1]]: r.b }, r.value);
      },
    });
  fromRows('painpoint_feedback_items', 'Items stored in feedback, by channel and source', 'feedback', ['channel', 'source']);
  fromRows('painpoint_rejected_items', 'Records in rejected_items, by reason and source', 'rejected', ['reason', 'source']);
  fromRows('painpoint_import_records_read', 'Records read by imports (import_runs.read), by channel and source', 'read', ['channel', 'source']);
  fromRows('painpoint_alert_deliveries', 'Delivery attempts logged in alert_deliveries, by endpoint and outcome', 'deliveries', ['endpoint', 'outcome']);
  fromRows('painpoint_crawl_run_pages', 'Pages of all crawl runs (crawl_runs), read and failed, by source', 'crawl_pages', ['source', 'outcome']);
  fromRows('painpoint_crawl_runs', 'Crawl runs by source and status', 'crawl_runs', ['source', 'status']);
  fromRows('painpoint_open_alerts', 'Unresolved alerts by severity, overdue or in time', 'open_alerts', ['severity', 'deadline']);
  if (queues) {
    new Gauge({
      name: 'painpoint_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const stage of STAGES) {
          const counts = await queues.queue(stage).getJobCounts(...QUEUE_STATES);
          for (const state of QUEUE_STATES) this.set({ queue: queueName(prefix, stage), state }, counts[state] ?? 0);
        }
      },
    });
  }
  return registry;
}
