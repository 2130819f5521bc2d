import { Option } from 'commander';
import { loadAnalyzer } from '../../analysis/index.ts';
import { formatFigures, scoreAnalyses, type AspectFigures } from '../../analysis/aspect-scores.ts';
import { labelledAspectsPath, readLabelledAspects, type LabelledAspectReview, type Split } from '../../analysis/labelled-aspects.ts';
import { loadConfig } from '../../config/index.ts';
import { createLogger } from '../../log/logger.ts';
import type { Analyzer } from '../../nlp/index.ts';
import type { DeclareCommand } from './index.ts';

interface EvalAspectsFlags {
  split: Split;
  input?: string;
  json?: boolean;
  topics?: boolean;
}

async function figuresOf(analyzer: Analyzer, reviews: readonly LabelledAspectReview[]): Promise<AspectFigures> {
  return scoreAnalyses(reviews, await analyzer.analyzeBatch(reviews.map((r) => r.text)));
}

export const declareEvalAspects: DeclareCommand = (program, setExitCode) => {
  program
    .command('eval-aspects')
    .description('Score aspects (topic + polarity), alerts and sentiment on the hand-labelled reviews: overall, per domain, per topic and per rule')
    .addOption(new Option('--split <split>', 'which split to score (tune on train; quote test)').choices(['train', 'test']).default('test'))
    .option('--input <jsonl>', 'labelled file (default: labelled-aspects.jsonl in PAINPOINT_DATA or ../shared/data)')
    .option('--no-topics', 'leave out the per-topic and per-rule tables')
    .option('--json', 'print the figures as one JSON object')
    .action(async (flags: EvalAspectsFlags) => {
      const all = readLabelledAspects(flags.input ?? labelledAspectsPath());
      const reviews = all.filter((r) => r.split === flags.split);
      const analyzer = await loadAnalyzer(loadConfig(), { logger: createLogger({ name: 'eval' }) });
      const overall = await figuresOf(analyzer, reviews);
      const takeout = await figuresOf(analyzer, reviews.filter((r) => r.domain === 'takeout'));
      const ecommerce = await figuresOf(analyzer, reviews.filter((r) => r.domain === 'ecommerce'));
      if (flags.json) {
        process.stdout.write(JSON.stringify({ split: flags.split, overall, takeout, ecommerce }) + '\n');
      } else {
        const lines = [
          ...formatFigures(`${flags.split} split, overall`, overall, flags.topics !== false),
          ...formatFigures(`${flags.split} split, takeout (waimai:*)`, takeout, false),
          ...formatFigures(`${flags.split} split, e-commerce (shop:*)`, ecommerce, false),
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      setExitCode(0);
    });
};
