/** The keyword components: one automaton pass (keywords), the alert rules, the rule topic tagger. */
import { createAlertDetector } from '../alerts.ts';
import type { KeywordIndex } from '../keywords/keyword-index.ts';
import type { Component } from '../pipeline/component.ts';
import { topicMentions } from '../topics.ts';
import type { AlertMarkers, AlertRule, TopicDefinition } from '../types.ts';

/** The clause score of one weight -2 word (after squashing): what a bare alert keyword counts as. */
const COMPLAINT_SCORE = -0.459;

export function keywordsComponent(index: KeywordIndex): Component {
  return {
    name: 'keywords',
    requires: ['tokens'],
    assigns: ['keywordHits'],
    run(doc) {
      doc.keywordHits = index.match(doc.text, doc.tokens);
    },
  };
}

export function alertsComponent(index: KeywordIndex, rules: readonly AlertRule[], markers: AlertMarkers): Component {
  const detect = createAlertDetector(index, rules, markers);
  return {
    name: 'alerts',
    requires: ['clauses', 'clauseScores', 'keywordHits'],
    assigns: ['alerts'],
    run(doc) {
      const { alerts, complaintClauses } = detect(doc.text, doc.clauses, doc.keywordHits, doc.domain);
      doc.alerts = alerts;
      doc.complaints = complaintClauses;
      // A clause that states an alert is a complaint even where the lexicon found nothing in it
      // (还没发货): it counts as one mildly negative word.
      for (const i of complaintClauses) if (doc.clauses[i]!.score === 0) doc.clauses[i]!.score = COMPLAINT_SCORE;
    },
  };
}

export function ruleTopicsComponent(index: KeywordIndex, topics: readonly TopicDefinition[]): Component {
  return {
    name: 'rule_topics',
    requires: ['clauses', 'keywordHits'],
    assigns: ['mentions'],
    run(doc) {
      for (const m of topicMentions(index, topics, doc.clauses, doc.keywordHits)) doc.mentions.push(m);
    },
  };
}
