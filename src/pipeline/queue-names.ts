/**
 * Every BullMQ queue painpoint uses. Names are `<queuePrefix>-<stage>` so several deployments can
 * share one Redis or Postgres. Stages: crawl/import → ingest (and analyze) → store → deliver; `monitor`
 * checks the metric monitors and sends their findings. Analysis runs inside the ingest stage: a queue
 * between them would only carry every batch's text out and back in. The `-bulk` queues are the bulk
 * lane of the two batch stages (lanes.ts).
 */
export const STAGES = ['crawl', 'ingest', 'store', 'deliver', 'escalate', 'monitor', 'ingest-bulk', 'store-bulk'] as const;
export type Stage = (typeof STAGES)[number];

export function queueName(prefix: string, stage: Stage): string {
  return `${prefix}-${stage}`;
}
