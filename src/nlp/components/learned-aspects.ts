/**
 * The learned aspect component: a clause topic tagger and a clause polarity classifier (both in one
 * ClauseAspectModel) add the topics the keyword tagger misses (东西太少了 → portion, 卡顿 → quality)
 * and a polarity for clauses the lexicon cannot judge. The keyword tagger's mentions stay: the model
 * only adds.
 */
import type { Component } from '../pipeline/component.ts';
import type { ClauseAspectModel, TopicId } from '../types.ts';

const GENERAL_TOPIC: TopicId = 'product.quality';

export function learnedAspectsComponent(model: ClauseAspectModel): Component {
  return {
    name: 'learned_aspects',
    requires: ['clauses', 'mentions'],
    assigns: ['mentions', 'clausePolarity'],
    run(doc) {
      const known = new Set(doc.mentions.map((m) => `${m.clause}:${m.topic}`));
      const specific = new Set(doc.mentions.filter((m) => m.topic !== GENERAL_TOPIC).map((m) => m.clause));
      doc.clausePolarity = new Array(doc.clauses.length);
      doc.clauses.forEach((clause, i) => {
        const p = model.predict(clause.text);
        doc.clausePolarity[i] = p.polarity;
        // A question or supposition names topics without judging them: the keyword tagger's
        // mentions there are enough, the model adds none.
        if (clause.hypothetical) return;
        const added: TopicId[] = [];
        p.topics.forEach((prob, t) => {
          const topic = model.topics[t]!;
          if (prob >= model.thresholds[t]! && !known.has(`${i}:${topic}`)) added.push(topic);
        });
        for (const topic of added) {
          // Overall quality is the topic of last resort (the labelling guidelines: prefer the most
          // specific topic): the model gives it only to a clause that names nothing more specific.
          if (topic === GENERAL_TOPIC && (added.length > 1 || specific.has(i))) continue;
          doc.mentions.push({ clause: i, topic, source: 'model' });
        }
      });
      doc.mentions.sort((a, b) => a.clause - b.clause);
    },
  };
}
