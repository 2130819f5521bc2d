/**
 * Every BullMQ queue painpoint uses. Names are `<queuePrefix>-<stage>` so several deployments can
 * share one Redis or Postgres. Stages: crawl/import → ingest → analyze → store → deliver; `monitor`
 * checks the metric monitors and sends their findings. The `-bulk` queues are the bulk lane of the
 * three batch stages (lanes.ts).
 */
export const STAGES = ['crawl', 'ingest', 'analyze', 'store', 'deliver', 'escalate', 'monitor', 'ingest-bulk', 'analyze-bulk', 'store-bulk'] as const;
export type Stage = (typeof STAGES)[number];

export function queueName(prefix: string, stage: Stage): string {
  return `${prefix}-${stage}`;
}
