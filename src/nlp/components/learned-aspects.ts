/**
 * The learned aspect component: a clause topic tagger and a clause polarity classifier (both in one
 * ClauseAspectModel) add the topics the keyword tagger misses (东西太少了 → portion, 卡顿 → quality)
 * and a polarity for clauses the lexicon cannot judge. The keyword tagger's mentions stay: the model
 * only adds. The tagger reads each clause beside its review (one context per review, computed once).
 */
import type { Component } from '../pipeline/component.ts';
import type { TopicMention } from '../pipeline/doc.ts';
import type { KeywordHit } from '../keywords/keyword-index.ts';
import type { Clause, ClauseAspectModel, TopicId } from '../types.ts';
import { codeUnitSet } from '../code-unit-set.ts';

const GENERAL_TOPIC: TopicId = 'product.quality';
/** Stands for every character of a keyword in the text the polarity classifier reads. */
const MASK = '□';
/** Characters of a keyword that judge rather than name (没有吸管, 少送, 漏送, 送错): never masked. */
const JUDGING = codeUnitSet('没不无少漏未缺忘错');

/**
 * The clause with every keyword it holds (topic or alert) masked, its judging characters aside, as
 * the polarity classifier reads it.
 */
export function keywordMasked(clause: Clause, hits: readonly KeywordHit[]): string {
  const text = clause.text;
  const start = clause.start;
  const end = start + text.length;
  let overlaps = false;
  for (const h of hits) if (h.end > start && h.start < end) overlaps = true;
  if (!overlaps) return text;
  // The text between masked characters is copied in slices: a clause has a keyword or two.
  let masked = '';
  let copied = 0;
  for (let k = 0; k < text.length; k++) {
    if (JUDGING[text.charCodeAt(k)] === 1 || !covered(hits, start + k)) continue;
    masked += text.slice(copied, k) + MASK;
    copied = k + 1;
  }
  return masked + text.slice(copied);
}

/** Whether one of `hits` covers the text's offset `at`. */
function covered(hits: readonly KeywordHit[], at: number): boolean {
  for (const h of hits) if (h.start <= at && at < h.end) return true;
  return false;
}

/** Words that carry no topic of their own: particles, pronouns, adverbs of a bare verdict (真的很好哦). */
const FILLER_CHARS = '的了啊呀吧哦呢啦嘛哈哒么吗真就也都还是很太挺蛮好超特别我你他她它这那个次';
const FILLER = new Set([...FILLER_CHARS].concat(['真的', '非常', '特别', '真是', '这次', '这个', '总体', '总的来说', '整体', '还是', '就是', '一如既往', '一直', '东西']));
const FILLER_UNITS = codeUnitSet(FILLER_CHARS);
const PUNCTUATION = /^[\p{P}\p{S}\s\d~～]+$/u;

/**
 * A clause that is only a verdict (不错, 很好哦, 失望, 差): the labelling guidelines give generic
 * praise no aspect, so the model does not read overall quality into it.
 */
function onlyVerdict(clause: Clause, verdicts: ReadonlySet<string>): boolean {
  for (const t of clause.tokens) if (!(isVerdict(t.word, verdicts) || FILLER.has(t.word) || punctuation(t.word))) return false;
  return true;
}

/** A verdict word, also where the segmenter glued a degree adverb to it (挺不错) or doubled it (棒棒). */
function isVerdict(word: string, verdicts: ReadonlySet<string>): boolean {
  if (verdicts.has(word)) return true;
  if (word.length > 1 && FILLER_UNITS[word.charCodeAt(0)] === 1 && verdicts.has(word.slice(1))) return true;
  return word.length === 2 && word.charCodeAt(0) === word.charCodeAt(1) && verdicts.has(word[0]!);
}

/** Punctuation, symbols, spaces and digits only; a word that starts with a CJK ideograph (most) is none. */
function punctuation(word: string): boolean {
  const c = word.charCodeAt(0);
  return !(c >= 0x4e00 && c <= 0x9fff) && PUNCTUATION.test(word);
}

// The keyword tagger's mentions are read only where the model reaches a threshold, and a review has
// a few of them: a scan allocates nothing and costs less than a set built for every review.

/** Whether one of the first `rules` mentions (the keyword tagger's) names `topic` in `clause`. */
function namedByRules(mentions: readonly TopicMention[], rules: number, clause: number, topic: TopicId): boolean {
  for (let k = 0; k < rules; k++) if (mentions[k]!.clause === clause && mentions[k]!.topic === topic) return true;
  return false;
}

/** Whether the keyword tagger names a topic more specific than overall quality in `clause`. */
function namesSpecific(mentions: readonly TopicMention[], rules: number, clause: number): boolean {
  for (let k = 0; k < rules; k++) if (mentions[k]!.clause === clause && mentions[k]!.topic !== GENERAL_TOPIC) return true;
  return false;
}

/** Whether the keyword tagger names any topic in `clause`. */
function namesAny(mentions: readonly TopicMention[], rules: number, clause: number): boolean {
  for (let k = 0; k < rules; k++) if (mentions[k]!.clause === clause) return true;
  return false;
}

/**
 * A lexicon score under this is a weak judgement, which a sure classifier may overrule: in
 * cross-validation on the train split the lexicon's weak praise was right 19 times in 35.
 */
const WEAK_SCORE = 0.3;

interface LearnedAspectsOptions {
  /** Sentiment, degree and negation words of the lexicon: what a bare verdict is made of. */
  verdicts?: ReadonlySet<string> | undefined;
}

export function learnedAspectsComponent(model: ClauseAspectModel, options: LearnedAspectsOptions = {}): Component {
  const verdicts = options.verdicts;
  const generalIndex = model.topics.indexOf(GENERAL_TOPIC);
  return {
    name: 'learned_aspects',
    requires: ['clauses', 'clauseScores', 'keywordHits', 'mentions'],
    assigns: ['mentions', 'clausePolarity'],
    run(doc) {
      const topicCount = model.topics.length;
      // The keyword tagger's mentions come first; the model's are pushed after them.
      const rules = doc.mentions.length;
      doc.clausePolarity = new Array(doc.clauses.length);
      const context = model.context?.(doc.text);
      for (let i = 0; i < doc.clauses.length; i++) {
        const clause = doc.clauses[i]!;
        const first = doc.mentions.length;
        // A question or supposition names topics without judging them, and a bare verdict (失望,
        // 很好哦) names none (generic praise is no aspect): the keyword tagger's mentions there are
        // enough, the model adds none.
        if (!(clause.hypothetical || (verdicts && onlyVerdict(clause, verdicts)))) {
          const probabilities = model.tag(clause.text, context);
          let general = false;
          for (let t = 0; t < topicCount; t++) {
            if (!(probabilities[t]! >= model.thresholds[t]!) || namedByRules(doc.mentions, rules, i, model.topics[t]!)) continue;
            // Overall quality is the topic of last resort (the labelling guidelines: prefer the most
            // specific topic): the model gives it only to a clause that names nothing more specific.
            if (t === generalIndex) general = true;
            else doc.mentions.push({ clause: i, topic: model.topics[t]!, source: 'model' });
          }
          if (general && doc.mentions.length === first && !namesSpecific(doc.mentions, rules, i)) {
            doc.mentions.push({ clause: i, topic: GENERAL_TOPIC, source: 'model' });
          }
        }
        // The aspects component reads a clause's learned polarity only where the clause names a
        // topic and the lexicon leaves it open or judges it weakly: only there is the classifier
        // asked, right after the tagger, which lets it reuse the clause's n-grams where masking
        // changed nothing.
        if (Math.abs(clause.score) >= WEAK_SCORE || clause.hypothetical || (doc.mentions.length === first && !namesAny(doc.mentions, rules, i))) continue;
        doc.clausePolarity[i] = model.polarity(model.masksKeywords ? keywordMasked(clause, doc.keywordHits) : clause.text);
      }
      doc.mentions.sort((a, b) => a.clause - b.clause);
    },
  };
}
