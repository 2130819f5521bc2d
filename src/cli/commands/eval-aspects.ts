import { Option } from 'commander';
import { loadAnalyzer } from '../../analysis/index.ts';
import { trainAspectsFromData } from '../../analysis/aspect-training.ts';
import { crossValidateAspects, summariseFoldSeeds, type AspectCrossValidation, type SeedSpread } from '../../analysis/aspect-cv.ts';
import { formatFigures, formatPrf, scoreAnalyses, type AspectFigures } from '../../analysis/aspect-scores.ts';
import { labelledAspectsPath, labelledDomains, readLabelledAspects, type LabelledAspectReview, type LabelledDomain, type Split } from '../../analysis/labelled-aspects.ts';
import { clauseAspectModel } from '../../aspect-model/classifier.ts';
import { corpusDir, type Config } from '../../config/index.ts';
import { InputError } from '../../errors/index.ts';
import { createLogger } from '../../log/logger.ts';
import { RULE_PIPELINE, type Analyzer } from '../../nlp/index.ts';
import { positiveInt, positiveIntList } from '../option-values.ts';
import { createProgress } from '../progress.ts';
import type { DeclareCommand } from '../command.ts';

interface EvalAspectsFlags {
  split: Split;
  data?: string;
  json?: boolean;
  topics?: boolean;
  crossDomain?: boolean;
  folds?: number;
  foldSeeds?: number[];
}

async function figuresOf(analyzer: Analyzer, reviews: readonly LabelledAspectReview[], nlp: Config['nlp']): Promise<AspectFigures> {
  return scoreAnalyses(reviews, await analyzer.analyzeBatch(reviews.map((r) => r.text), labelledDomains(reviews, nlp)));
}

const OTHER: Record<LabelledDomain, LabelledDomain> = { takeout: 'ecommerce', ecommerce: 'takeout' };

/** Train the aspect model on one domain's train split only and score the other domain. */
async function crossDomain(config: Readonly<Config>, reviews: readonly LabelledAspectReview[], dataDir: string): Promise<Record<string, AspectFigures>> {
  const logger = createLogger({ name: 'eval', level: 'silent' });
  const rules = await loadAnalyzer(config, { mode: 'lexicon', pipeline: RULE_PIPELINE, logger });
  const out: Record<string, AspectFigures> = {};
  for (const from of ['takeout', 'ecommerce'] as const) {
    const model = await trainAspectsFromData(config, { dataDir, domains: [from], rules });
    const analyzer = await loadAnalyzer(config, { aspectModelInstance: clauseAspectModel(model), logger });
    out[`${from} → ${OTHER[from]}`] = await figuresOf(analyzer, reviews.filter((r) => r.domain === OTHER[from]), config.nlp);
  }
  return out;
}

export const declareEvalAspects: DeclareCommand = (program, run) => {
  program
    .command('eval-aspects')
    .description('Score aspects (topic + polarity), alerts and sentiment on the hand-labelled reviews: overall, per domain, per topic and per rule, and across domains')
    .addOption(new Option('--split <split>', 'which split to score (tune on train; quote test)').choices(['train', 'test']).default('test'))
    .option('--data <dir>', 'folder of labelled-aspects.jsonl and the corpora (default PAINPOINT_DATA or ../shared/data)')
    .option('--no-topics', 'leave out the per-topic and per-rule tables')
    .option('--no-cross-domain', 'leave out the cross-domain figures (they train two aspect models, about a minute)')
    .option('--folds <k>', 'instead: k-fold cross-validation on the train split alone (a model trained per fold), the figures to tune by', positiveInt)
    .option('--fold-seeds <seeds>', 'with --folds: deal the reviews to the folds once per seed (1,2,3) and print each and their mean', positiveIntList)
    .option('--json', 'print the figures as one JSON object')
    .action(async (flags: EvalAspectsFlags) => {
      const dataDir = flags.data ?? corpusDir();
      if (flags.foldSeeds && flags.folds === undefined) throw new InputError('--fold-seeds deals the folds of a cross-validation: give --folds too', { field: '--fold-seeds' });
      if (flags.folds !== undefined) {
        const foldSeeds = flags.foldSeeds ?? [1];
        const folds = flags.folds;
        const progress = createProgress('cross-validating (folds)', { total: folds * foldSeeds.length });
        const runs: AspectCrossValidation[] = [];
        for (const [k, seed] of foldSeeds.entries()) {
          runs.push(await crossValidateAspects(run.config(), { dataDir, folds, seed, onFold: (done) => progress.update(k * folds + done, `fold seed ${seed}`) }));
        }
        progress.finish();
        const several = runs.length > 1;
        const summary = several ? summariseFoldSeeds(runs) : undefined;
        if (flags.json) {
          const figures = (cv: AspectCrossValidation) => ({ overall: cv.overall, takeout: cv.takeout, ecommerce: cv.ecommerce });
          const out = several ? { runs: runs.map((cv) => ({ foldSeed: cv.foldSeed, ...figures(cv) })), summary } : figures(runs[0]!);
          process.stdout.write(JSON.stringify({ split: 'train', folds, foldSeeds, ...out }) + '\n');
        } else {
          const lines: string[] = [];
          for (const cv of runs) {
            const title = `train split, ${folds}-fold cross-validation${several ? ` (fold seed ${cv.foldSeed})` : ''}`;
            lines.push(...formatFigures(`${title}, overall`, cv.overall, !several && flags.topics !== false), ...formatFigures(`${title}, takeout`, cv.takeout, false), ...formatFigures(`${title}, e-commerce`, cv.ecommerce, false));
          }
          if (summary) {
            const f = (s: SeedSpread) => `${s.mean.toFixed(4)} (${s.min.toFixed(3)}–${s.max.toFixed(3)})`;
            lines.push(`mean F1 over ${runs.length} fold seeds (lowest–highest):`);
            for (const [name, part] of [['overall', summary.overall], ['takeout', summary.takeout], ['e-commerce', summary.ecommerce]] as const) {
              lines.push(`  ${name.padEnd(11)} aspects ${f(part.aspects)}  topics ${f(part.topics)}`);
            }
          }
          process.stdout.write(lines.join('\n') + '\n');
        }
        run.setExitCode(0);
        return;
      }
      const reviews = readLabelledAspects(labelledAspectsPath(dataDir)).filter((r) => r.split === flags.split);
      const { nlp } = run.config();
      const analyzer = await loadAnalyzer(run.config(), { logger: createLogger({ name: 'eval' }) });
      const overall = await figuresOf(analyzer, reviews, nlp);
      const takeout = await figuresOf(analyzer, reviews.filter((r) => r.domain === 'takeout'), nlp);
      const ecommerce = await figuresOf(analyzer, reviews.filter((r) => r.domain === 'ecommerce'), nlp);
      const cross = flags.crossDomain === false ? undefined : await crossDomain(run.config(), reviews, dataDir);
      if (flags.json) {
        process.stdout.write(JSON.stringify({ split: flags.split, overall, takeout, ecommerce, crossDomain: cross }) + '\n');
      } else {
        const lines = [
          ...formatFigures(`${flags.split} split, overall`, overall, flags.topics !== false),
          ...formatFigures(`${flags.split} split, takeout (waimai:*)`, takeout, false),
          ...formatFigures(`${flags.split} split, e-commerce (shop:*)`, ecommerce, false),
        ];
        if (cross) {
          lines.push('cross-domain (aspect model trained on one domain\'s train split, scored on the other):');
          for (const [name, f] of Object.entries(cross)) lines.push(`  ${name}: ${f.reviews} reviews`, '    ' + formatPrf('aspects', f.aspects), '    ' + formatPrf('topics', f.topics));
        }
        process.stdout.write(lines.join('\n') + '\n');
      }
      run.setExitCode(0);
    });
};
