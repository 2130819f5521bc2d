import type { Config } from '../config/index.ts';
import { resolveServices } from '../services/index.ts';
import { closePipelineContext, createPipelineContext } from './connection.ts';
import type { PipelineContext } from './context.ts';

/**
 * A command's way in: finds the database and queues (environment, running local services, or an
 * embedded Postgres started now when `start`), migrates, and opens the pipeline context.
 */
export async function openPipeline(config: Readonly<Config>, options: { start: boolean; poolSize?: number }): Promise<PipelineContext> {
  const services = await resolveServices(config, { start: options.start });
  return createPipelineContext(config, { databaseUrl: services.databaseUrl, redisUrl: services.redisUrl, poolSize: options.poolSize });
}

export { closePipelineContext };
