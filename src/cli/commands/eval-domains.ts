/** `painpoint eval --leave-one-domain-out`, and reading several labelled files as one set. */
import path from 'node:path';
import type { Config } from '../../config/index.ts';
import { loadAnalyzer } from '../../analysis/index.ts';
import { createLogger } from '../../log/logger.ts';
import { WEIGHT_GRID, leaveOneDomainOut, readLabelledCsv, type LabelledReview } from '../../sentiment-model/index.ts';
import { createProgress } from '../progress.ts';

/** The reviews of several files; a file without a domain column is one domain named after the file. */
export function readLabelledSets(files: readonly string[], textColumn?: string): { reviews: LabelledReview[]; duplicates: number; empty: number } {
  const reviews: LabelledReview[] = [];
  let duplicates = 0;
  let empty = 0;
  for (const file of files) {
    const set = readLabelledCsv(file, { textColumn, onSkipped: (warning) => process.stderr.write(`warning: ${warning}\n`) });
    const domain = path.basename(file, path.extname(file));
    for (const r of set.reviews) reviews.push(r.domain === undefined ? { ...r, domain } : r);
    duplicates += set.duplicates;
    empty += set.empty;
  }
  return { reviews, duplicates, empty };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`.padStart(8);

export async function runDomainHoldout(config: Readonly<Config>, flags: { input: string[]; textColumn?: string | undefined; json?: boolean | undefined; epochs?: number | undefined }): Promise<void> {
  const { reviews } = readLabelledSets(flags.input, flags.textColumn);
  const analyzer = await loadAnalyzer(config, { mode: 'lexicon', logger: createLogger({ name: 'eval' }) });
  const progress = createProgress('lexicon scores', { total: reviews.length });
  const lexiconScores: number[] = [];
  for (const r of reviews) {
    lexiconScores.push(analyzer.analyze(r.text).sentiment.score);
    progress.update(lexiconScores.length);
  }
  progress.finish(`lexicon scored ${reviews.length} reviews`);
  const result = leaveOneDomainOut(reviews, lexiconScores, {
    ...(flags.epochs ? { epochs: flags.epochs } : {}),
    onDomain: (row) =>
      process.stderr.write(`held out ${row.domain}: model ${pct(row.model)} lexicon ${pct(row.lexicon)} (trained in ${row.trainSeconds.toFixed(1)} s)\n`),
  });
  if (flags.json) {
    process.stdout.write(JSON.stringify({ input: flags.input, weightGrid: WEIGHT_GRID, ...result }) + '\n');
    return;
  }
  const lines = [
    `leave-one-domain-out over ${result.domains.length} domains (${reviews.length} reviews); ensemble weight chosen on the other held-out domains`,
    `${'domain'.padEnd(12)}${'reviews'.padStart(8)}${'model'.padStart(9)}${'lexicon'.padStart(9)}${'ensemble'.padStart(9)}  weight  in-domain validation`,
    ...result.domains.map(
      (d) =>
        `${d.domain.padEnd(12)}${String(d.count).padStart(8)} ${pct(d.model)} ${pct(d.lexicon)} ${pct(d.ensemble)}  ${d.nestedWeight.toFixed(1).padStart(6)}  ${d.validAccuracy === undefined ? '-' : pct(d.validAccuracy)}`,
    ),
    `${'mean'.padEnd(12)}${''.padStart(8)} ${pct(result.mean.model)} ${pct(result.mean.lexicon)} ${pct(result.mean.ensemble)}`,
    `ensemble mean by model weight: ${WEIGHT_GRID.map((w, j) => `${w}: ${pct(result.mean.ensembleByWeight[j]!).trim()}`).join(', ')}`,
    `best weight over all held-out domains: ${result.bestWeight}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
