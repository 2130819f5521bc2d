import { z } from 'zod';
import { deliverySchema } from './delivery.ts';
import { nlpSchema } from './nlp.ts';
import { pipelineSchema } from './pipeline.ts';
import { crawlSchema } from './sources.ts';
import { monitorSettingsSchema } from './monitors.ts';
import { scoresSchema, targetsSchema } from './scores.ts';

/** `config/default.yaml`, merged with the file named by PAINPOINT_CONFIG. One section per concern. */
export const appConfigSchema = z
  .object({
    nlp: nlpSchema.default(nlpSchema.parse({})),
    pipeline: pipelineSchema.default(pipelineSchema.parse({})),
    delivery: deliverySchema.default(deliverySchema.parse({})),
    crawl: crawlSchema.default(crawlSchema.parse({})),
    targets: targetsSchema.default(targetsSchema.parse({})),
    scores: scoresSchema.default(scoresSchema.parse({})),
    monitors: monitorSettingsSchema.default(monitorSettingsSchema.parse({})),
    /** Where `painpoint` keeps embedded services' data when DATABASE_URL / REDIS_URL are unset. */
    dataDir: z.string().default('.data'),
  })
  .strict();

export type AppConfigFile = z.output<typeof appConfigSchema>;
export { nlpSchema, pipelineSchema, deliverySchema };
export { SENTIMENT_MODES } from './nlp.ts';
export type { NlpConfig } from './nlp.ts';
export type { PipelineConfig } from './pipeline.ts';
export type { DeliveryConfig, EndpointConfig } from './delivery.ts';
export { crawlSchema, sourceSchema, sourcesFileSchema } from './sources.ts';
export { targetsSchema, scoresSchema, type TargetsConfig, type ScoresConfig } from './scores.ts';
export { monitorSettingsSchema, monitorsFileSchema, monitorSchema, type MonitorConfig, type MonitorsFile, type MonitorSettings } from './monitors.ts';
export type { CrawlConfig, SourceConfig, SourceField, SourcesFile, PaginationConfig } from './sources.ts';
