import { itemDomains } from '../src/analysis/item-domains.ts';
import type { Analysis, Domain } from '../src/nlp/types.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import type { AnalyzedItem } from '../src/pipeline/payloads.ts';
import type { IngestedItem } from '../src/ingest/index.ts';
import { importRunFile } from '../src/store/import-runs-repository.ts';
import { saveRejections } from '../src/store/rejected-items-repository.ts';
import { PainpointError } from '../src/errors/index.ts';

/** Texts per analyzer call: small enough to take turns quickly, large enough for batched models. */
const ANALYZE_SLICE = 100;

/**
 * What the ingest stage needs of the analyzer: a whole batch at once (the model runs batched),
 * each text with the domain of its source (nlp.sourceDomains).
 */
export interface BatchAnalyzer {
  analyzeBatch(texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<Analysis[]> | Analysis[];
}

/**
 * The analysis of the ingest stage (jobs/ingest.ts): the batch's analyses, in place on its items, the
 * texts sent to the analyzer in slices. When a slice's call throws, each item of that slice is
 * analysed on its own and those that throw are rejected; if none of them can be analysed, and the
 * analyzer cannot take an item it took before either, the analyzer itself is failing (a crashed
 * thread, say), so the job fails and is retried instead.
 */
export async function analyzeIsolating(ctx: PipelineContext, runId: string, items: IngestedItem[], analyzer: BatchAnalyzer): Promise<AnalyzedItem[]> {
  // The items were made by this job's ingest and are not shared: each takes its analysis in place.
  const analyzed = items as AnalyzedItem[];
  const analyze = async (slice: readonly IngestedItem[]) => analyzer.analyzeBatch(slice.map((it) => it.text), itemDomains(ctx.config.nlp, slice.map((it) => it.source)));
  const failedSlices: { start: number; error: unknown }[] = [];
  // In slices: the analyzer answers in turn, so a whole 2,000-item bulk batch would hold a critical
  // review behind it; this way it waits for at most one slice per batch in flight.
  for (let start = 0; start < items.length; start += ANALYZE_SLICE) {
    try {
      const analyses = await analyze(items.slice(start, start + ANALYZE_SLICE));
      for (let i = 0; i < analyses.length; i++) analyzed[start + i]!.analysis = analyses[i]!;
    } catch (error) {
      failedSlices.push({ start, error });
    }
  }
  if (failedSlices.length === 0) return analyzed;

  const failed = new Map<IngestedItem, string>();
  const retried = failedSlices.flatMap(({ start }) => analyzed.slice(start, start + ANALYZE_SLICE));
  for (const item of retried) {
    try {
      item.analysis = (await analyze([item]))[0]!;
    } catch (err) {
      // A thread that died fails every call sent to it, whatever the text: the batch is retried.
      if (err instanceof PainpointError && err.code === 'ANALYZER_THREAD') throw err;
      failed.set(item, err instanceof Error ? err.message : String(err));
    }
  }
  const ok = analyzed.filter((item) => !failed.has(item));
  if (failed.size === retried.length && !(await stillAnalyzes(ok))) throw failedSlices[0]!.error;
  const file = await importRunFile(ctx.pool, runId);
  await saveRejections(
    ctx.pool,
    runId,
    [...failed].map(([item, message]) => ({ reason: 'analyze_failed', message, source: item.source, file, line: item.line, raw: JSON.stringify(item).slice(0, 4000) })),
  );
  ctx.logger.warn({ runId, failed: failed.size }, 'items the analyzer could not take were rejected; the rest of the batch goes on');
  return ok;

  /** Whether the analyzer still takes an item it took in this batch: every failure was then the items' own. */
  async function stillAnalyzes(taken: readonly IngestedItem[]): Promise<boolean> {
    if (taken.length === 0) return false;
    try {
      await analyze([taken[0]!]);
      return true;
    } catch {
      return false;
    }
  }
}
