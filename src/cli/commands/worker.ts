import type { Command } from 'commander';
import { loadConfig } from '../../config/index.ts';
import { closePipelineContext, openPipeline } from '../../pipeline/open-pipeline.ts';
import { PIPELINE_STAGES, parseStages, startPipelineWorker } from '../../pipeline/worker.ts';
import { startMetricsEndpoint } from '../../metrics/endpoint.ts';
import { positiveInt } from '../option-values.ts';
import type { DeclareCommand } from './index.ts';

/**
 * `painpoint worker`: runs the pipeline stages until SIGTERM or SIGINT. The first signal stops
 * taking jobs and lets those in flight finish; a second one leaves at once, and the unfinished jobs
 * go back to the queue for another worker (nothing is lost either way).
 */
export const declareWorker: DeclareCommand = (program: Command, setExitCode) => {
  program
    .command('worker')
    .description('Run the pipeline stages (crawl → ingest → analyze → store → deliver) on the queues until stopped')
    .option('--concurrency <n>', 'jobs each stage runs at once (default: pipeline.concurrency)', positiveInt)
    .option('--stages <list>', `stages to run, comma-separated: ${PIPELINE_STAGES.join(',')} (default: all)`)
    .action(async (opts: { concurrency?: number; stages?: string }) => {
      const config = loadConfig();
      const stages = parseStages(opts.stages);
      const ctx = await openPipeline(config, { start: true });
      let worker;
      try {
        worker = await startPipelineWorker(ctx, { stages, concurrency: opts.concurrency });
        await startMetricsEndpoint();
      } catch (err) {
        await closePipelineContext(ctx);
        throw err;
      }
      process.stderr.write(`painpoint: worker running ${stages.join(', ')} on ${ctx.queues.backend} (stop with Ctrl-C)\n`);
      await new Promise<void>((resolve) => {
        let signals = 0;
        const onSignal = (signal: NodeJS.Signals) => {
          signals++;
          if (signals === 1) {
            ctx.logger.info({ signal }, 'stopping: finishing jobs in flight (signal again to leave at once)');
            void worker.close().then(resolve);
          } else {
            ctx.logger.warn({ signal }, 'leaving now: jobs in flight go back to the queue');
            void worker.close(true).then(resolve);
          }
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      await closePipelineContext(ctx);
      ctx.logger.info({ timings: worker.timings }, 'worker stopped');
      setExitCode(0);
    });
};
