/**
 * The aspects component: from the topics the clauses name to one aspect per (review, topic) and
 * polarity. A clause's polarity is its own lexicon score; where the clause judges nothing (冰袋还是
 * 冰的) the learned polarity classifier decides when it is sure, and otherwise the clause borrows the
 * judgement of its sentence, then of the whole text. A topic takes two polarities only where the
 * review truly weighs one side against another: two clauses, each judging on its own, on either side
 * of a contrast (好喝…但好酸); otherwise the stronger side wins.
 */
import { clauseSentiment, polarityOf } from '../sentiment/document.ts';
import type { Component } from '../pipeline/component.ts';
import type { Doc } from '../pipeline/doc.ts';
import type { Aspect, Clause, Polarity, TopicId } from '../types.ts';

/**
 * How sure the learned polarity classifier must be to decide a clause the lexicon left open. It reads
 * clauses with their keywords masked, so its lean is the judgement's: 0.55 to 0.8 scored alike in
 * cross-validation on the train split, and 0.55 lets 泡沫箱厚了一倍 be the praise it leans to.
 */
const MODEL_CONFIDENCE = 0.55;
const MODEL_ORDER: readonly Polarity[] = ['negative', 'neutral', 'positive'];
const SENTENCE_END = /[。！？!?.…\n]/;

interface Judgement {
  polarity: Polarity;
  /** |score| where the clause judges on its own; 0 where it borrowed its polarity. */
  strength: number;
}

export interface AspectsOptions {
  contrastWeight: number;
  /** Mediocre judgements (一般, 还行, 凑合): a clause whose only judgement is one is neutral. */
  mediocre?: ReadonlySet<string> | undefined;
}

export function aspectsComponent(options: AspectsOptions): Component {
  const mediocre = options.mediocre ?? new Set<string>();
  return {
    name: 'aspects',
    requires: ['clauses', 'clauseScores', 'alerts', 'mentions'],
    assigns: ['aspects'],
    run(doc) {
      if (doc.mentions.length === 0) return;
      const judgements = new Array<Judgement | undefined>(doc.clauses.length);
      let sentences: number[] | undefined;
      let documentScore: number | undefined;
      const judge = (i: number): Judgement => {
        const known = judgements[i];
        if (known) return known;
        const clause = doc.clauses[i]!;
        let j: Judgement;
        if (doc.complaints.has(i) && clause.score >= 0) j = { polarity: 'negative', strength: 0.5 };
        else if (clause.hypothetical) j = { polarity: 'neutral', strength: 0 };
        else if (mediocre.size > 0 && isMediocre(clause, mediocre)) j = { polarity: 'neutral', strength: 0.2 };
        else if (clause.score !== 0) j = { polarity: polarityOf(clause.score), strength: Math.abs(clause.score) };
        else {
          const p = doc.clausePolarity[i];
          const best = p ? argmax(p) : -1;
          if (p && p[best]! >= MODEL_CONFIDENCE) j = { polarity: MODEL_ORDER[best]!, strength: Math.max(0.1, Math.abs(clause.score)) };
          else {
            sentences ??= sentenceScores(doc.text, doc.clauses);
            documentScore ??= clauseSentiment(doc.clauses, options.contrastWeight);
            j = { polarity: polarityOf(sentences[i]! || documentScore), strength: 0 };
          }
        }
        judgements[i] = j;
        return j;
      };
      doc.aspects = resolve(doc, judge);
    },
  };
}

function resolve(doc: Doc, judge: (i: number) => Judgement): Aspect[] {
  const byTopic = new Map<TopicId, number[]>();
  for (const m of doc.mentions) {
    const list = byTopic.get(m.topic);
    if (!list) byTopic.set(m.topic, [m.clause]);
    // Mentions come in clause order: a repeat of the same clause is the last one listed.
    else if (list.at(-1) !== m.clause) list.push(m.clause);
  }
  const aspects: Aspect[] = [];
  for (const [topic, clauses] of byTopic) {
    // Per side, its first clause and its weight; for praise and criticism, the first and the last
    // of their clauses that judge on their own (strength > 0). Numbers, not lists: this runs per
    // topic of every review.
    let firstPositive = -1;
    let firstNegative = -1;
    let firstNeutral = -1;
    let positiveWeight = 0;
    let negativeWeight = 0;
    let ownPositive = -1;
    let lastOwnPositive = -1;
    let ownNegative = -1;
    let lastOwnNegative = -1;
    for (const c of clauses) {
      const j = judge(c);
      if (j.polarity === 'neutral') {
        if (firstNeutral < 0) firstNeutral = c;
        continue;
      }
      if (j.polarity === 'positive') {
        if (firstPositive < 0) firstPositive = c;
        positiveWeight += j.strength;
        if (j.strength > 0) {
          if (ownPositive < 0) ownPositive = c;
          lastOwnPositive = c;
        }
      } else {
        if (firstNegative < 0) firstNegative = c;
        negativeWeight += j.strength;
        if (j.strength > 0) {
          if (ownNegative < 0) ownNegative = c;
          lastOwnNegative = c;
        }
      }
    }
    if (firstPositive >= 0 && firstNegative >= 0) {
      if (twoSided(doc.clauses, ownPositive, lastOwnPositive, ownNegative, lastOwnNegative)) {
        aspects.push(aspectOf(doc, topic, firstPositive, 'positive'), aspectOf(doc, topic, firstNegative, 'negative'));
      } else if (positiveWeight > negativeWeight) aspects.push(aspectOf(doc, topic, firstPositive, 'positive'));
      // One-sided review: the side that judges more strongly; a tie goes to the complaint.
      else aspects.push(aspectOf(doc, topic, firstNegative, 'negative'));
    } else if (firstPositive >= 0) aspects.push(aspectOf(doc, topic, firstPositive, 'positive'));
    else if (firstNegative >= 0) aspects.push(aspectOf(doc, topic, firstNegative, 'negative'));
    else aspects.push(aspectOf(doc, topic, firstNeutral, 'neutral'));
  }
  return aspects;
}

/** Keys in the order of the `painpoint analyze` contract: topic, polarity, evidence. */
function aspectOf(doc: Doc, topic: TopicId, clause: number, polarity: Polarity): Aspect {
  return { topic, polarity, evidence: doc.clauses[clause]!.text };
}

/**
 * Praise and criticism each stated by a clause of its own, with a contrast between them: given the
 * first and last clause of each side that judges on its own (-1: none).
 */
function twoSided(clauses: readonly Clause[], positive: number, lastPositive: number, negative: number, lastNegative: number): boolean {
  if (positive < 0 || negative < 0) return false;
  const first = Math.min(positive, negative);
  const last = Math.max(lastPositive, lastNegative);
  for (let c = first + 1; c <= last; c++) if (clauses[c]!.afterContrast) return true;
  return false;
}

/** What may follow a mediocre word that is the clause's verdict: particles, and 着 of 凑合着. */
const AFTER_VERDICT = /(?:[吧啊呀了的哦呢啦嘛哈着\p{P}\p{S}\s]|而已|罢了)+$/u;

/**
 * The clause's verdict is a mediocre word: it ends the clause, particles aside (味道一般, 还行吧,
 * 很一般啊). Elsewhere 一般 is "usually" (一般都在30到50分钟之间就能送到) and judges nothing. Read
 * on the text: the segmenter splits 还行 into 还 / 行.
 */
function isMediocre(clause: Clause, mediocre: ReadonlySet<string>): boolean {
  const verdict = clause.text.replace(AFTER_VERDICT, '');
  for (const word of mediocre) if (verdict.endsWith(word)) return true;
  return false;
}

function argmax(p: Float32Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
  return best;
}

/** For each clause, the mean score of the clauses in its sentence (between 。！？). */
function sentenceScores(text: string, clauses: readonly Clause[]): number[] {
  const out = new Array<number>(clauses.length);
  let first = 0;
  let sum = 0;
  for (let i = 0; i < clauses.length; i++) {
    const clause = clauses[i]!;
    sum += clause.score;
    const next = clauses[i + 1];
    const ends = !next || SENTENCE_END.test(text.slice(clause.start + clause.text.length, next.start));
    if (ends) {
      const mean = sum / (i - first + 1);
      for (let k = first; k <= i; k++) out[k] = mean;
      first = i + 1;
      sum = 0;
    }
  }
  return out;
}
