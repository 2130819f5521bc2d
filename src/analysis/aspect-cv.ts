/**
 * K-fold cross-validation of the aspect model on the `train` split alone: each fold's reviews are
 * scored by the whole analyzer with a model trained on the other folds (and the unlabelled corpora,
 * which never hold a labelled row). The figures pool every fold's out-of-fold analyses, so choices
 * (features, regularisation, thresholds, combination rules) are measured without touching `test`.
 */
import type { Config } from '../config/index.ts';
import { InputError } from '../errors/index.ts';
import { createLogger } from '../log/logger.ts';
import type { Analysis, Analyzer } from '../nlp/index.ts';
import { RULE_PIPELINE } from '../nlp/index.ts';
import { clauseAspectModel } from '../aspect-model/classifier.ts';
import { ASPECT_TRAINING_DEFAULTS, weakExamples, type AspectTrainingOptions } from '../aspect-model/train-aspects.ts';
import { seededRandom, shuffled } from '../stats/seeded-random.ts';
import { scoreAnalyses, type AspectFigures } from './aspect-scores.ts';
import { trainAspectsFromData, unlabelledCorpus } from './aspect-training.ts';
import { labelledAspectsPath, labelledDomains, readLabelledAspects } from './labelled-aspects.ts';
import { loadAnalyzer } from './load-analyzer.ts';

export interface AspectCrossValidation {
  folds: number;
  /** The seed that dealt the reviews to the folds. */
  foldSeed: number;
  overall: AspectFigures;
  takeout: AspectFigures;
  ecommerce: AspectFigures;
  /** Every train review's out-of-fold analysis, in file order. */
  analyses: Analysis[];
}

export async function crossValidateAspects(
  config: Readonly<Config>,
  run: { dataDir: string; folds: number; seed?: number; training?: AspectTrainingOptions; onFold?: (done: number) => void },
): Promise<AspectCrossValidation> {
  if (!(Number.isInteger(run.folds) && run.folds >= 2)) throw new InputError(`--folds: cross-validation needs a whole number of at least 2 folds, got ${run.folds}`);
  const logger = createLogger({ level: 'silent' });
  const labelled = readLabelledAspects(labelledAspectsPath(run.dataDir));
  const train = labelled.filter((r) => r.split === 'train');
  const rules: Analyzer = await loadAnalyzer(config, { mode: 'lexicon', pipeline: RULE_PIPELINE, logger });
  // The files are read once; the corpora never hold a labelled row, so their weak examples are the
  // same for every fold.
  const corpus = unlabelledCorpus(run.dataDir, ['takeout', 'ecommerce'], new Set(labelled.map((r) => r.id)));
  const weak = weakExamples(rules, corpus, { ...ASPECT_TRAINING_DEFAULTS, ...run.training });
  // Each domain dealt round the folds on its own, so that every fold holds both in proportion.
  const foldSeed = run.seed ?? 1;
  const random = seededRandom(foldSeed + 11);
  const foldOf = new Map<string, number>();
  for (const domain of ['takeout', 'ecommerce'] as const) {
    shuffled(train.filter((r) => r.domain === domain), random).forEach((r, i) => foldOf.set(r.id, i % run.folds));
  }
  const analyses = new Array<Analysis>(train.length);
  for (let fold = 0; fold < run.folds; fold++) {
    const held = train.filter((r) => foldOf.get(r.id) === fold);
    const model = await trainAspectsFromData(config, { ...run.training, weak, dataDir: run.dataDir, rules, read: { labelled, corpus }, exclude: new Set(held.map((r) => r.id)) });
    const analyzer = await loadAnalyzer(config, { aspectModelInstance: clauseAspectModel(model), logger });
    // Each review under its corpus's domain, as eval-aspects and the test-split check read it.
    const got = await analyzer.analyzeBatch(held.map((r) => r.text), labelledDomains(held, config.nlp));
    let k = 0;
    train.forEach((r, i) => {
      if (foldOf.get(r.id) === fold) analyses[i] = got[k++]!;
    });
    run.onFold?.(fold + 1);
  }
  const part = (keep: (r: (typeof train)[number]) => boolean) =>
    scoreAnalyses(
      train.filter(keep),
      analyses.filter((_, i) => keep(train[i]!)),
    );
  return { folds: run.folds, foldSeed, overall: part(() => true), takeout: part((r) => r.domain === 'takeout'), ecommerce: part((r) => r.domain === 'ecommerce'), analyses };
}

const PARTS = ['overall', 'takeout', 'ecommerce'] as const;

/** An F1 over several dealings of the reviews to the folds: its mean, and the lowest and highest. */
export interface SeedSpread {
  mean: number;
  min: number;
  max: number;
}

export type FoldSeedSummary = Record<(typeof PARTS)[number], { aspects: SeedSpread; topics: SeedSpread }>;

/**
 * Aspect and topic F1 of each part over cross-validations that dealt the folds differently. The
 * dealing alone moves F1 on the train split by up to about ±0.005, as much as most choices gain, so
 * a choice is judged by its mean over several, and the lowest and highest say how far to trust a
 * difference. No interval: the dealings share
 * every review, so they are not independent samples.
 */
export function summariseFoldSeeds(runs: readonly AspectCrossValidation[]): FoldSeedSummary {
  if (runs.length === 0) throw new InputError('no cross-validation to summarise');
  const spread = (values: number[]): SeedSpread => ({ mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) });
  const out = {} as FoldSeedSummary;
  for (const p of PARTS) out[p] = { aspects: spread(runs.map((r) => r[p].aspects.f1)), topics: spread(runs.map((r) => r[p].topics.f1)) };
  return out;
}
