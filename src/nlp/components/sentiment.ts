/** Sentiment components: lexicon clause scores, the document score from them, the document model. */
import { clauseSentiment, combineScores, toSentiment } from '../sentiment/document.ts';
import type { ClauseScorer } from '../sentiment/lexicon-scorer.ts';
import type { Component } from '../pipeline/component.ts';
import type { Clause, SentimentClassifier, SentimentMode } from '../types.ts';

export function clauseSentimentComponent(scorer: ClauseScorer): Component {
  return {
    name: 'clause_sentiment',
    requires: ['clauses'],
    assigns: ['clauseScores'],
    run(doc) {
      // A clause that asks or supposes states no opinion (请问会不会变质, 如果好吃就回购).
      for (const clause of doc.clauses) clause.score = clause.hypothetical ? 0 : scorer.score(clause.tokens);
    },
  };
}

export function documentSentimentComponent(contrastWeight: number): Component {
  return {
    name: 'document_sentiment',
    // After the alerts: a clause stating an alert counts as a complaint.
    requires: ['clauseScores', 'alerts'],
    assigns: ['sentiment'],
    run(doc) {
      doc.sentiment = toSentiment(clauseSentiment(doc.clauses, contrastWeight));
    },
  };
}

function onlyAsks(clauses: readonly Clause[]): boolean {
  return clauses.length > 0 && clauses.every((c) => c.hypothetical);
}

/** The document classifier of `model` and `ensemble` mode, on the whole batch at once. */
export function sentimentModelComponent(classifier: SentimentClassifier | undefined, mode: SentimentMode, modelWeight: number): Component {
  return {
    name: 'sentiment_model',
    requires: ['text', 'sentiment'],
    assigns: ['sentiment'],
    async runBatch(docs) {
      if (mode === 'lexicon' || !classifier) return;
      // A text that only asks or supposes (请问会不会变质？) judges nothing: the classifier, which
      // reads 变质 as complaint, is not asked, and the document stays neutral.
      const usable = docs.filter((d) => d.text !== '' && !onlyAsks(d.clauses));
      const scores = await classifier.scoreBatch(usable.map((d) => d.text));
      usable.forEach((d, k) => {
        const modelScore = scores[k] ?? 0;
        d.sentiment = toSentiment(mode === 'model' ? modelScore : combineScores(d.sentiment.score, modelScore, modelWeight));
      });
    },
  };
}
