/**
 * Every BullMQ queue painpoint uses. Names are `<queuePrefix>-<stage>` so several deployments can
 * share one Redis or Postgres. Stages: crawl/import → ingest → analyze → store → deliver.
 */
export const STAGES = ['crawl', 'ingest', 'analyze', 'store', 'deliver', 'escalate'] as const;
export type Stage = (typeof STAGES)[number];

export function queueName(prefix: string, stage: Stage): string {
  return `${prefix}-${stage}`;
}
