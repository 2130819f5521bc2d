import { InvalidArgumentError, type Command } from 'commander';
import { openApp } from '../../app/app-context.ts';
import { BATCH_STAGES, startWorker, type PipelineWorker } from '../../../jobs/index.ts';
import { crawlAndReport } from '../../../jobs/crawl.ts';
import { BrowserHost, chromiumPath, findSource, loadSources, sourcesFilePath, type CrawlSummary } from '../../sources/crawl/index.ts';
import { waitForImportRun } from '../../sources/importers/wait-for-run.ts';
import { createProgress } from '../progress.ts';
import type { DeclareCommand } from '../command.ts';

interface CrawlFlags {
  wait?: boolean;
  worker: boolean;
  maxPages?: number;
  full?: boolean;
  json?: boolean;
}

function pageCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

/** The lines `painpoint crawl` prints. */
export function formatCrawlSummary(s: CrawlSummary): string {
  const lines = [
    `crawl run ${s.runId} (${s.status}): pages ${s.pages}, items new ${s.itemsNew}, already seen ${s.itemsSeen}, errors ${s.errors}`,
    `  stopped: ${s.stopReason}${s.pagesBlocked ? `; blocked by robots.txt: ${s.pagesBlocked}` : ''}${s.itemsInvalid ? `; items without text: ${s.itemsInvalid}` : ''}`,
    ...s.failures.map((f) => `  failed: ${f}`),
  ];
  if (s.brokenDetail) lines.push(`  crawl_broken alert raised: ${s.brokenDetail}`);
  return lines.join('\n');
}

/**
 * `painpoint crawl SOURCE_ID`: one crawl of one source now, in this process (its own Chromium),
 * its items onto the ingest queue page by page. With `--wait` it also runs the pipeline stages here
 * and returns once every new item is stored. Exit code 1 when the source looks broken.
 */
export const declareCrawl: DeclareCommand = (program: Command, run) => {
  program
    .command('crawl')
    .description('Crawl one source of sources.yaml now; prints pages, items new and already seen, errors')
    .argument('<source-id>', 'the id of a source in config/sources.yaml (or PAINPOINT_SOURCES)')
    .option('--max-pages <n>', "pages per start URL (default: the source's pagination limit)", pageCount)
    .option('--full', 'read every page up to the limit, even past items already seen')
    .option('--wait', 'run the pipeline stages here too and return when every new item is stored')
    .option('--no-worker', 'with --wait: only wait, leaving the work to running `painpoint worker`s')
    .option('--json', 'print the summary as JSON')
    .action(async (sourceId: string, opts: CrawlFlags) => {
      const config = run.config();
      const source = findSource(loadSources(config), sourceId, sourcesFilePath(config));
      const app = await openApp(config, { start: true });
      const browser = new BrowserHost({ executablePath: chromiumPath(config), logger: app.logger });
      let worker: PipelineWorker | undefined;
      try {
        const ctx = await app.pipeline();
        if (opts.wait && opts.worker) worker = await startWorker(ctx, { stages: BATCH_STAGES });
        const progress = createProgress(`crawling ${source.id}`, { quiet: opts.json });
        const summary = await crawlAndReport(ctx, browser, source, {
          trigger: 'manual',
          maxPages: opts.maxPages,
          full: opts.full,
          onProgress: (c) => progress.update(c.pages, `pages; ${c.itemsNew} new, ${c.itemsSeen} seen`),
        });
        progress.finish(`crawled ${summary.pages} pages`);
        let stored;
        if (opts.wait) {
          const storing = createProgress('storing', { total: summary.itemsNew, quiet: opts.json });
          stored = await waitForImportRun(ctx.pool, summary.pipelineRunId, { onProgress: (p) => storing.update(p.recordsDone) });
          storing.finish(`stored ${stored.stored}, duplicates ${stored.duplicates}, rejected ${stored.rejected}`);
        }
        process.stdout.write(opts.json ? `${JSON.stringify({ ...summary, stored })}\n` : `${formatCrawlSummary(summary)}\n`);
        run.setExitCode(summary.status === 'broken' ? 1 : 0);
      } finally {
        await worker?.close();
        await browser.close();
        await app.close();
      }
    });
};
