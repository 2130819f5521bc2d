import { z } from 'zod';
import { ALERT_RULE_SEVERITY, DOMAINS, SEVERITIES, type AlertRuleId } from '../../nlp/types.ts';

const severity = z.enum(SEVERITIES);
const ruleIds = Object.keys(ALERT_RULE_SEVERITY) as [AlertRuleId, ...AlertRuleId[]];
const word = z.string().trim().min(1, 'a word must not be empty');
const words = z.array(word).min(1, 'needs at least one word');

/** The item domains a pattern, guard or set of domain keywords applies to (nlp.domain, nlp.sourceDomains); every domain where absent. */
const domains = z
  .array(z.enum(DOMAINS))
  .min(1, 'needs at least one domain')
  .superRefine((list, ctx) => {
    list.forEach((d, i) => {
      if (list.indexOf(d) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `the domain "${d}" is listed twice` });
    });
  });

/**
 * Rule kinds beyond plain keywords, one `kind` each (a discriminated union, so an unknown kind or a
 * missing field is an error naming the file and key). Every kind is negation-, question- and
 * supposition-aware like the keywords.
 */
export const alertPatternSchema = z.discriminatedUnion('kind', [
  /** A positive attribute under negation: 不够新鲜, 不太新鲜, 一点也不新鲜, 不冰了, 不那么快. */
  z.object({
    kind: z.literal('negated_attribute'),
    attributes: words,
    /** Negators that may stand before the attribute, with up to `maxGap` characters between (default 3). */
    negators: words.default(['不', '没', '没有', '不够', '不太', '不是很', '不那么', '一点也不', '一点都不', '不能', '未能']),
    maxGap: z.number().int().min(0).max(8).default(3),
    domains: domains.optional(),
  }).strict(),
  /** Word groups in order within one clause, each group any one of its words, at most `maxGap` characters apart: 以后…不会…买. */
  z.object({
    kind: z.literal('sequence'),
    terms: z.array(words).min(2, 'a sequence needs at least two groups'),
    maxGap: z.number().int().min(0).max(12).default(4),
    domains: domains.optional(),
  }).strict(),
  /** A count of defective pieces: 八个有两个坏的, 九个是烂的, 烂了两个. */
  z.object({
    kind: z.literal('counted_defect'),
    defects: words,
    domains: domains.optional(),
  }).strict(),
  /** A waiting time at or above a threshold: 两个小时才送到, 等了一个多小时, 四五天才到. */
  z.object({
    kind: z.literal('duration'),
    /** Words that make a stated duration a wait (等了, 送了, 才到 …). */
    cues: words,
    /** Words that make a span of minutes or hours a delivery time (送餐2小时, 一个多小时送到), not one of days (3天送到 is quick for a parcel). */
    hourCues: z.array(word).default([]),
    /** Thresholds per unit channel: takeout counts minutes, parcels count days. */
    minMinutes: z.number().positive().default(60),
    minDays: z.number().positive().default(3),
    /** Words before a duration that make any length a complaint (晚了半小时, 迟到20分钟). */
    lateCues: z.array(word).default([]),
    /** Where the item's domain delivers within hours (takeout), a span of minutes or hours over the threshold needs no cue (两个多小时呀). */
    bareHours: z.boolean().default(false),
    domains: domains.optional(),
  }).strict(),
]);

const markerName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a marker list is named in lower_snake_case');

/**
 * The words of a guard: its own `words`, the words of a named list under `markers` (`marker:
 * delivery`), or both; resolved to one list at load.
 */
const guardWords = { words: z.array(word).optional(), marker: markerName.optional() };
const hasWords = (guard: { words?: readonly string[] | undefined; marker?: string | undefined }) => guard.marker !== undefined || (guard.words?.length ?? 0) > 0;
const needsWords = { message: 'needs at least one word, or a marker list', path: ['words'] };

/** Conditions under which a rule does not fire, whatever matched. */
export const alertGuardSchema = z.discriminatedUnion('kind', [
  /**
   * Any of these words in the clause (坏了 of 手机 is product quality, not spoilage), unless one of
   * `unless` is there too (客服 beside 物流慢了点: the delivery is named, and slow).
   */
  z.object({ kind: z.literal('clause_words'), ...guardWords, unless: z.array(word).optional(), domains: domains.optional() }).strict().refine(hasWords, needsWords),
  /** Any of these words anywhere in the text (a review about a 热水器). */
  z.object({ kind: z.literal('text_words'), ...guardWords, domains: domains.optional() }).strict().refine(hasWords, needsWords),
  /**
   * None of these words in the clause's sentence, or the sentence before where the clause is a bare
   * verdict standing alone (慢 with no word of delivery, in a shop of parcels, is a slow phone), or,
   * `within: text`, anywhere in the text (坏了 in a review that names no food).
   */
  z.object({ kind: z.literal('lacks_words'), ...guardWords, within: z.enum(['sentence', 'text']).default('sentence'), domains: domains.optional() }).strict().refine(hasWords, needsWords),
  /** Advice to others (大家别买, 劝大家) in the clause. */
  z.object({ kind: z.literal('advice'), domains: domains.optional() }).strict(),
  /** Reported speech or rumour (看评论说有人…, 听说) in the clause or before it in its sentence. */
  z.object({ kind: z.literal('reported_speech'), domains: domains.optional() }).strict(),
  /** Items of these domains (spoilage for a shop that sells no food). */
  z.object({ kind: z.literal('domain'), domains }).strict(),
]);

const cooccur = z.array(z.array(word).min(2, 'a co-occurrence group needs at least two words'));

/** Keywords and co-occurrence groups that fire only on items of some domains (坏了 of food, not of a phone). */
const domainKeywordsSchema = z
  .object({ domains, keywords: z.array(word).default([]), cooccur: cooccur.default([]) })
  .strict()
  .refine((set) => set.keywords.length > 0 || set.cooccur.length > 0, { message: 'needs at least one keyword or co-occurrence group', path: ['keywords'] });

/** One rule: its keywords, patterns, guards and, optionally, a severity other than the rule's default. */
export const alertRuleSchema = z
  .object({
    severity: severity.optional(),
    keywords: z.array(word).default([]),
    cooccur: cooccur.default([]),
    /** Keywords and groups of some domains only, beside the rule's keywords for every domain. */
    domainKeywords: z.array(domainKeywordsSchema).default([]),
    patterns: z.array(alertPatternSchema).default([]),
    guards: z.array(alertGuardSchema).default([]),
  })
  .strict()
  .superRefine((rule, ctx) => {
    // One word, one scope: a keyword both everywhere and of some domains would fire everywhere
    // and read as though it did not.
    const seen = new Map<string, string>(rule.keywords.map((w, i) => [w, `keywords.${i}`]));
    rule.domainKeywords.forEach((set, s) =>
      set.keywords.forEach((w, i) => {
        const first = seen.get(w);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['domainKeywords', s, 'keywords', i], message: `the keyword "${w}" is listed twice (also at ${first})` });
        else seen.set(w, `domainKeywords.${s}.keywords.${i}`);
      }),
    );
  });

/**
 * `config/alerts.yaml`: the eight fixed rules, each with its keywords. Rules beyond the eight may be
 * added (their severity is then required).
 */
export const alertsSchema = z
  .object({
    /**
     * Words that mark advice to others and reported speech, for the `advice` and `reported_speech`
     * guards, and named lists of words any word guard may use (`marker: delivery`): a list several
     * rules mean alike is kept in one place.
     */
    markers: z
      .object({
        advice: z.array(word).default([]),
        reported: z.array(word).default([]),
      })
      .catchall(z.array(word))
      .superRefine((lists, ctx) => {
        for (const name of Object.keys(lists)) if (!markerName.safeParse(name).success) ctx.addIssue({ code: 'custom', path: [name], message: 'a marker list is named in lower_snake_case' });
      })
      .default({ advice: [], reported: [] }),
    rules: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'a rule id is lower_snake_case'), alertRuleSchema)
      .superRefine((rules, ctx) => {
        for (const id of ruleIds) {
          if (!rules[id]) ctx.addIssue({ code: 'custom', path: [id], message: `the rule "${id}" is missing (the eight rules are fixed)` });
        }
        for (const [id, rule] of Object.entries(rules)) {
          if (rule.keywords.length === 0 && rule.cooccur.length === 0 && rule.domainKeywords.length === 0 && rule.patterns.length === 0) ctx.addIssue({ code: 'custom', path: [id, 'keywords'], message: 'needs at least one keyword, co-occurrence group or pattern' });
          if (!(id in ALERT_RULE_SEVERITY) && !rule.severity) ctx.addIssue({ code: 'custom', path: [id, 'severity'], message: 'a rule of your own needs a severity' });
        }
      }),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const [id, rule] of Object.entries(file.rules)) {
      rule.guards.forEach((g, i) => {
        if (!('marker' in g) || g.marker === undefined) return;
        const path = ['rules', id, 'guards', i, 'marker'];
        const list = file.markers[g.marker];
        if (list === undefined) ctx.addIssue({ code: 'custom', path, message: `no marker list named "${g.marker}" (markers: ${Object.keys(file.markers).join(', ')})` });
        // An empty list would make a lacks_words guard veto everything.
        else if (list.length === 0 && (g.words?.length ?? 0) === 0) ctx.addIssue({ code: 'custom', path, message: `the marker list "${g.marker}" is empty` });
      });
    }
  })
  .transform((file) => ({ ...file, rules: Object.fromEntries(Object.entries(file.rules).map(([id, rule]) => [id, { ...rule, guards: rule.guards.map((g) => resolveGuard(g, file.markers)) }])) }));

type GuardInput = z.output<typeof alertGuardSchema>;
type WordGuard = Extract<GuardInput, { kind: 'clause_words' | 'text_words' | 'lacks_words' }>;
type ResolvedGuard = Exclude<GuardInput, WordGuard> | (WordGuard extends infer G ? (G extends WordGuard ? Omit<G, 'words' | 'marker'> & { words: string[] } : never) : never);

/** A guard's own words and those of its marker list, as one list (the NLP core sees words only). */
function resolveGuard(guard: GuardInput, markers: Readonly<Record<string, readonly string[]>>): ResolvedGuard {
  if (guard.kind !== 'clause_words' && guard.kind !== 'text_words' && guard.kind !== 'lacks_words') return guard;
  const { marker, words = [], ...rest } = guard;
  return { ...rest, words: [...new Set([...(marker === undefined ? [] : (markers[marker] ?? [])), ...words])] };
}

export type AlertsFile = z.output<typeof alertsSchema>;
export type AlertPatternConfig = z.output<typeof alertPatternSchema>;
export type AlertGuardConfig = z.output<typeof alertGuardSchema>;
