import { itemDomains } from '../src/analysis/item-domains.ts';
import type { Analysis, Domain } from '../src/nlp/types.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';
import type { AnalyzedItem } from '../src/pipeline/payloads.ts';
import type { IngestedItem } from '../src/ingest/index.ts';
import { importRunFile } from '../src/store/import-runs-repository.ts';
import { saveRejections } from '../src/store/rejected-items-repository.ts';

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
 * texts sent to the analyzer in slices. When the batch call throws, each item is analysed on
 * its own and those that throw are rejected; if every one throws, the analyzer itself is failing
 * (a crashed thread, say), so the job fails and is retried instead.
 */
export async function analyzeIsolating(ctx: PipelineContext, runId: string, items: IngestedItem[], analyzer: BatchAnalyzer): Promise<AnalyzedItem[]> {
  // The items were made by this job's ingest and are not shared: each takes its analysis in place.
  const analyzed = items as AnalyzedItem[];
  try {
    const analyses: Analysis[] = [];
    // In slices: the analyzer answers in turn, so a whole 2,000-item bulk batch would hold a critical
    // review behind it; this way it waits for at most one slice per batch in flight.
    for (let i = 0; i < items.length; i += ANALYZE_SLICE) {
      const slice = items.slice(i, i + ANALYZE_SLICE);
      analyses.push(...(await analyzer.analyzeBatch(slice.map((it) => it.text), itemDomains(ctx.config.nlp, slice.map((it) => it.source)))));
    }
    for (let i = 0; i < analyzed.length; i++) analyzed[i]!.analysis = analyses[i]!;
    return analyzed;
  } catch (batchError) {
    const failed: { item: IngestedItem; message: string }[] = [];
    const ok: AnalyzedItem[] = [];
    for (const item of analyzed) {
      try {
        item.analysis = (await analyzer.analyzeBatch([item.text], itemDomains(ctx.config.nlp, [item.source])))[0]!;
        ok.push(item);
      } catch (err) {
        failed.push({ item, message: err instanceof Error ? err.message : String(err) });
      }
    }
    if (ok.length === 0) throw batchError;
    const file = await importRunFile(ctx.pool, runId);
    await saveRejections(
      ctx.pool,
      runId,
      failed.map(({ item, message }) => ({ reason: 'analyze_failed', message, source: item.source, file, line: item.line, raw: JSON.stringify(item).slice(0, 4000) })),
    );
    ctx.logger.warn({ runId, failed: failed.length }, 'items the analyzer could not take were rejected; the rest of the batch goes on');
    return ok;
  }
}
