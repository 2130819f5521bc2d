/**
 * Leave-one-domain-out evaluation: for each domain, train on the others and score the held-out
 * one with the model alone, the lexicon alone and the ensemble of both. This is the number that
 * predicts how the model does on a customer's own domain (one it never saw).
 *
 * The ensemble weight for a held-out domain is chosen on the other held-out domains only (nested),
 * so no figure is tuned on the domain it reports.
 */
import { combineScores } from '../nlp/sentiment/document.ts';
import type { LabelledReview } from './labelled-csv.ts';
import { sentimentMetrics } from './metrics.ts';
import { ngramClassifier } from './ngram-classifier.ts';
import { trainModel, type TrainOptions } from './train.ts';

/** Model weights in the ensemble that the evaluation compares. */
export const WEIGHT_GRID = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;

export interface HeldOutDomain {
  domain: string;
  count: number;
  /** In-domain validation accuracy of the model trained without this domain. */
  validAccuracy: number | undefined;
  model: number;
  lexicon: number;
  /** Ensemble accuracy at each weight of WEIGHT_GRID. */
  ensembleByWeight: number[];
  /** The weight chosen on the other domains, and the accuracy it gives here. */
  nestedWeight: number;
  ensemble: number;
  trainSeconds: number;
}

export interface DomainHoldoutResult {
  domains: HeldOutDomain[];
  mean: { model: number; lexicon: number; ensemble: number; ensembleByWeight: number[] };
  /** The weight with the best mean over all held-out domains (the shipped default's evidence). */
  bestWeight: number;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * `lexiconScores[i]` is the lexicon's document score of `reviews[i]` (computed by the caller, which
 * owns the analyzer); every review needs a domain.
 */
export function leaveOneDomainOut(
  reviews: readonly LabelledReview[],
  lexiconScores: readonly number[],
  options: TrainOptions & { onDomain?: (result: HeldOutDomain) => void } = {},
): DomainHoldoutResult {
  const names = [...new Set(reviews.map((r, i) => r.domain ?? `line ${reviews[i]!.line} has no domain`))];
  if (names.length < 2) throw new Error(`leave-one-domain-out needs at least two domains, found ${names.length}`);
  const rows: HeldOutDomain[] = [];
  for (const domain of names) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    reviews.forEach((r, i) => (r.domain === domain ? testIdx : trainIdx).push(i));
    const trained = trainModel(
      trainIdx.map((i) => reviews[i]!),
      options,
    );
    const classifier = ngramClassifier(trained.model);
    const labels = testIdx.map((i) => reviews[i]!.label);
    const modelScores = testIdx.map((i) => classifier.score(reviews[i]!.text));
    const lexicon = testIdx.map((i) => lexiconScores[i]!);
    const accuracy = (scores: number[]) => sentimentMetrics(labels, scores).accuracy;
    const row: HeldOutDomain = {
      domain,
      count: testIdx.length,
      validAccuracy: trained.validAccuracy,
      model: accuracy(modelScores),
      lexicon: accuracy(lexicon),
      ensembleByWeight: WEIGHT_GRID.map((w) => accuracy(modelScores.map((m, k) => combineScores(lexicon[k]!, m, w)))),
      nestedWeight: NaN,
      ensemble: NaN,
      trainSeconds: trained.seconds,
    };
    rows.push(row);
    options.onDomain?.(row);
  }
  for (const row of rows) {
    const others = rows.filter((r) => r !== row);
    const k = argmax(WEIGHT_GRID.map((_, j) => mean(others.map((r) => r.ensembleByWeight[j]!))));
    row.nestedWeight = WEIGHT_GRID[k]!;
    row.ensemble = row.ensembleByWeight[k]!;
  }
  const byWeight = WEIGHT_GRID.map((_, j) => mean(rows.map((r) => r.ensembleByWeight[j]!)));
  return {
    domains: rows,
    mean: { model: mean(rows.map((r) => r.model)), lexicon: mean(rows.map((r) => r.lexicon)), ensemble: mean(rows.map((r) => r.ensemble)), ensembleByWeight: byWeight },
    bestWeight: WEIGHT_GRID[argmax(byWeight)]!,
  };
}

function argmax(xs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! > xs[best]!) best = i;
  return best;
}
