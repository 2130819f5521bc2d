import path from 'node:path';
import { loadAnalyzer } from '../../analysis/index.ts';
import { SENTIMENT_MODES } from '../../config/index.ts';
import { createLogger } from '../../log/logger.ts';
import { domainAccuracy, formatConfusion } from '../../sentiment-model/index.ts';
import { readLabelledSets, runDomainHoldout } from './eval-domains.ts';
import { configOption } from '../config-flags.ts';
import { createProgress } from '../progress.ts';
import type { DeclareCommand } from '../command.ts';

/** Reviews per analyzeBatch call, as `painpoint analyze` sends them. */
const BATCH = 256;

interface EvalFlags {
  input: string[];
  leaveOneDomainOut?: boolean;
  epochs?: number;
  textColumn?: string;
  json?: boolean;
}

export const declareEval: DeclareCommand = (program, run) => {
  program
    .command('eval')
    .description('Score document sentiment on a labelled CSV: accuracy, macro-F1, confusion matrix, reviews/s (per domain where a cat/domain column exists)')
    .requiredOption('--input <csv...>', 'labelled CSV file(s) (label 1/0 or positive/negative; text in review/text/content)')
    // A directory named on the command line is taken from the working directory.
    .addOption(configOption('--sentiment-model <dir>', 'sentiment model directory', 'nlp.sentimentModel').argParser((dir: string) => path.resolve(dir)))
    .addOption(configOption('--sentiment <mode>', 'how document sentiment is decided', 'nlp.sentiment').choices([...SENTIMENT_MODES]))
    .option('--text-column <name>', 'text column when not review, text or content')
    .option('--json', 'print the figures as one JSON object')
    .option('--leave-one-domain-out', 'for each domain (cat/domain column, or file), train on the others and score it: model, lexicon and ensemble')
    .action(async (flags: EvalFlags) => {
      if (flags.leaveOneDomainOut) {
        await runDomainHoldout(run.config(), flags);
        run.setExitCode(0);
        return;
      }
      const set = readLabelledSets(flags.input, flags.textColumn);
      const config = run.config();
      const analyzer = await loadAnalyzer(config, { logger: createLogger({ name: 'eval' }) });
      const texts = set.reviews.map((r) => r.text);
      const progress = createProgress('evaluating', { total: texts.length });
      const scores: number[] = [];
      const started = performance.now();
      for (let i = 0; i < texts.length; i += BATCH) {
        for (const a of await analyzer.analyzeBatch(texts.slice(i, i + BATCH))) scores.push(a.sentiment.score);
        progress.update(scores.length);
      }
      const seconds = (performance.now() - started) / 1000;
      progress.finish(`evaluated ${scores.length} reviews in ${seconds.toFixed(1)} s`);
      const figures = domainAccuracy(set.reviews, scores);
      const inputs = flags.input.join(' + ');
      const perSecond = Math.round(texts.length / seconds);
      const m = figures.overall;
      if (flags.json) {
        process.stdout.write(JSON.stringify({ input: flags.input, mode: analyzer.mode, reviewsPerSecond: perSecond, ...figures }) + '\n');
      } else {
        const lines = [
          `${inputs}: ${m.count} reviews (${set.duplicates} duplicates and ${set.empty} empty skipped), sentiment ${analyzer.mode}`,
          `accuracy: ${(m.accuracy * 100).toFixed(2)}%`,
          `macro-F1: ${m.macroF1.toFixed(4)}`,
          'confusion matrix:',
          ...formatConfusion(m),
          `speed: ${perSecond.toLocaleString('en-US')} reviews/s`,
        ];
        const domains = Object.entries(figures.byDomain);
        if (domains.length > 1) {
          lines.push('per domain:');
          for (const [domain, d] of domains) lines.push(`  ${domain.padEnd(12)} accuracy ${(d.accuracy * 100).toFixed(2)}%  macro-F1 ${d.macroF1.toFixed(4)}  (${d.count})`);
        }
        process.stdout.write(lines.join('\n') + '\n');
      }
      run.setExitCode(0);
    });
};
