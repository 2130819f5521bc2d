/**
 * Aspect model training from the data folder: the `train` split of labelled-aspects.jsonl, and the
 * unlabelled reviews of the two corpora minus every row the labelled file holds (so no `test`
 * review is ever seen, not even unlabelled). Used by `painpoint train --task aspects` and by the
 * cross-domain figures of `eval-aspects`.
 */
import { corpusDir, type Config } from '../config/index.ts';
import { RULE_PIPELINE, type Analyzer } from '../nlp/index.ts';
import { createLogger } from '../log/logger.ts';
import { readCorpus, type CorpusReview } from '../aspect-model/corpus.ts';
import type { AspectModel } from '../aspect-model/model.ts';
import { trainAspectModel, type AspectTrainingOptions } from '../aspect-model/train-aspects.ts';
import { labelledAspectsPath, readLabelledAspects, type LabelledAspectReview, type LabelledDomain } from './labelled-aspects.ts';
import { loadAnalyzer } from './load-analyzer.ts';

export interface AspectTrainingRun extends AspectTrainingOptions {
  dataDir?: string | undefined;
  /** Train on these domains only (default both): the cross-domain figures train on one. */
  domains?: readonly LabelledDomain[] | undefined;
  /** A rules-only analyzer to reuse (default: one is loaded from the config). */
  rules?: Analyzer | undefined;
  /** Labelled reviews (by id) to leave out of training: a cross-validation fold. */
  exclude?: ReadonlySet<string> | undefined;
  /** The labelled file and the unlabelled corpus already read (cross-validation reads them once). */
  read?: { labelled: readonly LabelledAspectReview[]; corpus: readonly CorpusReview[] } | undefined;
}

const CORPUS_OF = { takeout: 'waimai', ecommerce: 'shop' } as const;

/** The corpus reviews of these domains that the labelled file does not hold (in either split). */
export function unlabelledCorpus(dir: string, domains: readonly LabelledDomain[], labelled: ReadonlySet<string>): CorpusReview[] {
  const corpus: CorpusReview[] = [];
  for (const d of domains) for (const r of readCorpus(dir, CORPUS_OF[d])) if (!labelled.has(r.id)) corpus.push(r);
  return corpus;
}

export async function trainAspectsFromData(config: Readonly<Config>, run: AspectTrainingRun = {}): Promise<AspectModel> {
  const dir = run.dataDir ?? corpusDir();
  const domains = run.domains ?? (['takeout', 'ecommerce'] as const);
  const labelled = run.read?.labelled ?? readLabelledAspects(labelledAspectsPath(dir));
  const train = labelled.filter((r) => r.split === 'train' && domains.includes(r.domain) && !run.exclude?.has(r.id));
  const corpus = run.read?.corpus ?? unlabelledCorpus(dir, domains, new Set(labelled.map((r) => r.id)));
  const rules = run.rules ?? (await loadAnalyzer(config, { mode: 'lexicon', pipeline: RULE_PIPELINE, logger: createLogger({ level: 'silent' }) }));
  const model = trainAspectModel(rules, train, corpus, run);
  model.summary = { ...model.summary, domains, trainReviews: train.length, corpusReviews: corpus.length };
  return model;
}
