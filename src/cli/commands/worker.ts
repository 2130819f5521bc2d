import type { Command } from 'commander';
import { deliveryRuntime } from '../../delivery/index.ts';
import { openApp } from '../../app/app-context.ts';
import { WORKER_STAGES, defaultAnalyzerThreads, parseStages, startWorker } from '../../../jobs/index.ts';
import { startMetricsEndpoint } from '../../metrics/endpoint.ts';
import { configOption } from '../config-flags.ts';
import { positiveInt } from '../option-values.ts';
import type { DeclareCommand } from '../command.ts';

/** Resolves to whether `work` finished within `ms` (false: it is still running, abandoned). */
function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    work.then(
      () => (clearTimeout(timer), resolve(true)),
      () => (clearTimeout(timer), resolve(true)),
    );
  });
}

/** After the shutdown deadline: how long handing jobs back and closing connections may still take. */
const FORCED_CLOSE_MS = 1_500;

/**
 * `painpoint worker`: runs the pipeline stages until SIGTERM or SIGINT. The first signal stops
 * taking jobs and lets those in flight finish, for at most pipeline.shutdownTimeoutSeconds; then
 * (or at a second signal) the unfinished jobs go back to the queue for another worker and the
 * worker exits, also when Redis or Postgres has gone and nothing can finish. Nothing is lost either
 * way: a job not acknowledged is run again elsewhere.
 */
export const declareWorker: DeclareCommand = (program: Command, run) => {
  program
    .command('worker')
    .description('Run the pipeline stages (crawl → ingest and analyze → store → deliver, monitor) on the queues until stopped')
    .addOption(configOption('--concurrency <n>', 'jobs each stage runs at once', 'pipeline.concurrency').argParser(positiveInt))
    .option('--stages <list>', `stages to run, comma-separated: ${WORKER_STAGES.join(',')} (default: all)`)
    .option('--threads <n>', `analyzer threads of the ingest stage (default: one per core but one, ${defaultAnalyzerThreads()} here)`, positiveInt)
    .action(async (opts: { stages?: string; threads?: number }) => {
      const config = run.config();
      const stages = parseStages(opts.stages);
      // Endpoint settings are checked before anything is opened: a missing secret is one line and
      // a non-zero exit at once, not a message followed by a process that never ends.
      deliveryRuntime(config);
      const app = await openApp(config, { start: true });
      let ctx, worker;
      try {
        ctx = await app.pipeline();
        worker = await startWorker(ctx, { stages, analyzerThreads: opts.threads });
        await startMetricsEndpoint();
      } catch (err) {
        await within(app.close(), FORCED_CLOSE_MS);
        throw err;
      }
      process.stderr.write(`painpoint: worker running ${stages.join(', ')} on ${ctx.queues.backend} (stop with Ctrl-C)\n`);
      const deadlineMs = config.pipeline.shutdownTimeoutSeconds * 1000;
      const clean = await new Promise<boolean>((resolve) => {
        let signals = 0;
        let started = 0;
        const leave = (reason: string) => {
          ctx.logger.warn({ reason }, 'leaving now: jobs in flight go back to the queue');
          // Handing back and closing share one short budget: a server that has gone answers neither.
          void within(worker.close(true).then(() => app.close()), FORCED_CLOSE_MS).then(() => resolve(false));
        };
        const onSignal = (signal: NodeJS.Signals) => {
          signals++;
          if (signals > 1) return leave(`second ${signal}`);
          started = Date.now();
          ctx.logger.info({ signal, deadlineSeconds: config.pipeline.shutdownTimeoutSeconds }, 'stopping: finishing jobs in flight (signal again to leave at once)');
          const finishing = worker.close().then(() => app.close());
          void within(finishing, deadlineMs).then((finished) => (finished ? resolve(true) : leave(`not done after ${Math.round((Date.now() - started) / 1000)} s`)));
        };
        process.on('SIGTERM', onSignal);
        process.on('SIGINT', onSignal);
      });
      ctx.logger.info({ timings: worker.timings, clean }, 'worker stopped');
      run.setExitCode(clean ? 0 : 1);
    });
};
