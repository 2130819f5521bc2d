/**
 * Alert rule kinds beyond keywords, compiled once per rule set into clause matchers: a negated
 * attribute (不够新鲜), a gapped sequence (以后…不会…买), a counted defect (八个有两个坏的) and a
 * duration over a threshold (两个小时才送到). Each matcher returns the words it matched or nothing;
 * the caller skips clauses that ask or suppose and applies the rule's guards.
 */
import { codeUnitSet, holdsCodeUnitOf } from './code-unit-set.ts';
import { DELIVERY_WORD_LIST, type DomainTraits } from './domains.ts';
import type { AlertPattern, Clause } from './types.ts';

export interface PatternMatch {
  /** The matched words, as reported in the alert's `keyword`. */
  keyword: string;
  /** Offset of the match within the clause text. */
  at: number;
}

/**
 * `clauses` and `i` give the clause's neighbours (a duration may start in an earlier clause);
 * `domain` the traits of the item's domain (a parcel is not late after hours).
 */
export type ClauseMatcher = (clause: Clause, i: number, clauses: readonly Clause[], domain: DomainTraits) => PatternMatch | undefined;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Longest first, so that an alternation prefers 不那么 to 不. */
export const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');
/** Characters a gap may hold: anything but clause punctuation (clauses are already split, this is a safeguard). */
const GAP = '[^，,。.！!？?；;]';

const NUMBER = '(?:\\d+(?:\\.\\d+)?|[零一二两俩仨三四五六七八九十百半几]+)';
const COUNTER = '[个颗只块盒袋箱瓶根斤枚粒份串包]';
/** Words that make a counted phrase a span of time, not a number of pieces (一个月就坏). */
const TIME_WORDS = /[月天年周次日]|小时|星期|礼拜|分钟/;

const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 仨: 3, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 几: 3, 半: 0.5 };

/** The value of an Arabic or Chinese number; a pair such as 四五 counts as its first. */
export function numberValue(s: string): number {
  if (/^\d/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (DIGITS[ch] !== undefined) {
      // 四五 (four or five): the second digit is a range, not a place value.
      if (digit !== 0 && total === 0) return digit;
      digit = DIGITS[ch]!;
    }
  }
  return total + digit;
}

// No 日: 12日送到 is a date.
// 三个来小时: 来 is "about".
const DURATION = new RegExp(`(${NUMBER})(个)?(多|半|来)?(个)?(半)?(分钟|小时|钟头|天|周|星期|礼拜|月)(多|半)?`, 'g');
/**
 * A time of day: 11:35, 10点, 10点半, 12点45, and in Chinese numerals 十点半, 两点多, 十二点下单
 * (一点 only where a time follows or a delivery word does: 一点也不新鲜 is no time).
 */
const CLOCK = /(\d{1,2})(?:[:：](\d{2})|点(半|\d{1,2})?)|([一二两三四五六七八九十]{1,3})点(?:(半)|([一二三四五]?十[一二三四五六七八九]?|零[一二三四五六七八九])分?|(?=[多钟整才送到下订定叫左]))/g;
/** Words before a span that make it a promise, not a wait (预计一小时送到, 承诺半小时送达). */
const PROMISED = /预计|预期|承诺|说好|保证|显示|要求|约定|如果/;
/** Words that make the earlier time the order (or the start of the wait), and the later one an arrival. */
const ORDERED = /下单|下的单|下了单|订|定|点的|点了|叫的|等到|等了/;
const ARRIVED = /才|送到|送达|送来|送过来|到了|到|取餐/;
/**
 * Words of a delivery in a clause: with one, 用了两个小时 is the time it took. The words of a delivery
 * (domains.ts), and beside them the order and its arrival (下单, 取餐, any 到: 用了两天才到); not 星期,
 * which here is the unit of the very span in question (用了两个星期).
 */
const DELIVERY = new RegExp(alternation([...DELIVERY_WORD_LIST.filter((w) => w !== '星期'), '到', '下单', '取餐']));

interface Duration {
  minutes: number;
  days: number;
  at: number;
  text: string;
  /** The unit as written: 分钟, 小时, 钟头, 天, 周, 星期, 礼拜 or 月. */
  unit: string;
}

/** Words just before a bare span that make it no wait: early or quick (早到了一个小时, 快了, 不到), a plan or promise, the time after eating, a journey or a queue of one's own. */
const NOT_A_WAIT = /早|快了|提前|只有|不到|晾|预计|预定|预期|必|建议|吃完|吃了|难受|疼|痛|车程|排队/;

/**
 * Where every order comes within the hour, a span of minutes or hours said at all is the wait
 * (两个多小时呀, 一个半小时诶) unless the words beside it say otherwise (一个小时前, 二小时必到).
 * `rest` is the text after the span.
 */
function bareWait(text: string, d: Duration, rest: string): boolean {
  if (d.unit !== '分钟' && d.unit !== '小时' && d.unit !== '钟头') return false;
  if (NOT_A_WAIT.test(text.slice(Math.max(0, d.at - 8), d.at))) return false;
  return !/^(?:前|以前|之前|必|内|以内)/.test(rest);
}

// The scans below loop on exec() rather than matchAll(): matchAll copies the regex on every call,
// which cost more than the matching itself on the short clauses they run on. The regexes are
// global and their matches never empty, so each loop starts at lastIndex 0 and ends on null.

function durationsIn(text: string): Duration[] {
  const out: Duration[] = [];
  DURATION.lastIndex = 0;
  for (let m = DURATION.exec(text); m !== null; m = DURATION.exec(text)) {
    let value = numberValue(m[1]!);
    if (m[3] === '半' || m[5] === '半' || m[7] === '半') value += 0.5;
    const unit = m[6]!;
    // 半个月, 一个多月 are spans; 一月, 十二月 months of the year.
    if (unit === '月' && m[2] === undefined && m[4] === undefined && m[1] !== '半') continue;
    const days = unit === '天' ? 1 : unit === '月' ? 30 : 7;
    const minutes = unit === '分钟' ? value : unit === '小时' || unit === '钟头' ? value * 60 : value * 24 * 60 * days;
    out.push({ minutes, days: minutes / (24 * 60), at: m.index, text: m[0], unit });
  }
  return out;
}

/** Minutes past noon or midnight (a 12-hour clock: 11:50 to 14点 is 130 minutes). */
function clockMinutes(m: RegExpMatchArray): number {
  if (m[4] !== undefined) {
    const minute = m[5] === '半' ? 30 : m[6] !== undefined ? numberValue(m[6]) : 0;
    return (numberValue(m[4]) % 12) * 60 + minute;
  }
  const hour = Number(m[1]);
  const minute = m[2] !== undefined ? Number(m[2]) : m[3] === '半' ? 30 : m[3] !== undefined ? Number(m[3]) : 0;
  return (hour % 12) * 60 + minute;
}

const isClock = (m: RegExpMatchArray) => (m[4] !== undefined ? numberValue(m[4]) : Number(m[1])) <= 24;
const anyMatch = () => true;

/** The last match of the global regex `re` in `text` that `accept` takes. */
function lastMatch(re: RegExp, text: string, accept: (m: RegExpExecArray) => boolean = anyMatch): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) if (accept(m)) last = m;
  return last;
}

/**
 * Characters one of which every match of the pattern contains (the first character of each word
 * of a group every match holds one word of): a clause holding none of them cannot match, and the
 * detector checks that for all patterns in one pass over the clause.
 */
export function requiredChars(pattern: AlertPattern): string {
  const firsts = (words: readonly string[]) => [...new Set(words.map((w) => w[0]!))].join('');
  switch (pattern.kind) {
    case 'negated_attribute':
      return firsts(pattern.attributes);
    case 'sequence':
      return firsts(pattern.terms.at(-1)!);
    case 'counted_defect':
      return firsts(pattern.defects);
    case 'duration':
      return '分小钟天日周星礼点:：月号';
  }
}

export function compilePattern(pattern: AlertPattern): ClauseMatcher {
  switch (pattern.kind) {
    case 'negated_attribute': {
      // The attribute must lie in a negation scope of the clause (negation.ts) whose negator is one
      // of the pattern's, at most maxGap characters before it: 不够新鲜, 不太新鲜, 一点也不新鲜, 不冰了.
      const attribute = new RegExp(alternation(pattern.attributes), 'g');
      const negators = [...pattern.negators].sort((a, b) => b.length - a.length);
      return (clause) => {
        if (clause.negations.length === 0) return undefined;
        attribute.lastIndex = 0;
        for (let m = attribute.exec(clause.text); m !== null; m = attribute.exec(clause.text)) {
          const at = clause.start + m.index;
          const end = at + m[0].length;
          // The attribute must be a word of its own: 快 in 快递 or 愉快 is no speed.
          if (!endsWord(clause, end) || !startsWord(clause, at, negators)) continue;
          for (const scope of clause.negations) {
            if (scope.after || at < scope.start || at >= scope.end) continue;
            const from = scope.at - clause.start;
            const negator = negators.find((n) => clause.text.startsWith(n, from));
            if (negator === undefined) continue;
            const gap = at - (scope.at + negator.length);
            if (gap < 0 || gap > pattern.maxGap || /[，,。.！!？?；;]/.test(clause.text.slice(from, m.index))) continue;
            return { keyword: clause.text.slice(from, end - clause.start), at: from };
          }
        }
        return undefined;
      };
    }
    case 'sequence': {
      const re = new RegExp(pattern.terms.map((t) => `(?:${alternation(t)})`).join(`${GAP}{0,${pattern.maxGap}}?`), 'g');
      const terms = pattern.terms.flat();
      // A match holds a word of every group, so the clause holds the first character of one: most
      // clauses that hold the last group's (the detector's pre-check) lack another's, and one pass
      // over the clause per group tells so for less than the regex would take to fail.
      const groupHeads = pattern.terms.map((t) => codeUnitSet(t.map((w) => w[0]!)));
      return (clause) => {
        for (const heads of groupHeads) if (!holdsCodeUnitOf(clause.text, heads)) return undefined;
        re.lastIndex = 0;
        for (let m = re.exec(clause.text); m !== null; m = re.exec(clause.text)) {
          // A negator in a gap that is none of the terms denies what follows it (送餐一点也不慢,
          // 杯子不脏); one the pattern names is its point (以后不会再买).
          const from = clause.start + m.index;
          const denied = clause.negations.some((s) => !s.after && s.at > from && s.at < from + m[0].length && !insideTerm(clause.text, s.at - clause.start, terms));
          if (!denied) return { keyword: m[0], at: m.index };
        }
        return undefined;
      };
    }
    case 'counted_defect': {
      // 压坏, 磕坏 are damage in transit, not a defect of the goods themselves.
      const defects = `(?<![压磕摔碰砸])(?:${alternation(pattern.defects)})`;
      const before = new RegExp(`${NUMBER}${COUNTER}(${GAP}{0,6}?)(?:${defects})`, 'g');
      const after = new RegExp(`(?:${defects})(?:了|掉了|掉)?${NUMBER}${COUNTER}`);
      return (clause) => {
        // 一个都没有破 counts none: a negator between the count and the defect denies it.
        before.lastIndex = 0;
        for (let m = before.exec(clause.text); m !== null; m = before.exec(clause.text)) {
          if (!TIME_WORDS.test(m[0]) && !/[没不无未]/.test(m[1]!)) return { keyword: m[0], at: m.index };
        }
        const m = after.exec(clause.text);
        return m && !TIME_WORDS.test(m[0]) ? { keyword: m[0], at: m.index } : undefined;
      };
    }
    case 'duration': {
      const cue = new RegExp(alternation(pattern.cues));
      const hourCue = pattern.hourCues.length > 0 ? new RegExp(alternation(pattern.hourCues)) : undefined;
      const late = pattern.lateCues.length > 0 ? new RegExp(`(?:${alternation(pattern.lateCues)})${GAP}{0,3}$`) : undefined;
      return (clause, i, clauses, domain) => {
        // A parcel is not late after hours: where deliveries take days, only days count.
        const hours = domain.delivery !== 'days';
        for (const d of durationsIn(clause.text)) {
          if (!hours && d.minutes < 24 * 60) continue;
          const rest = clause.text.slice(d.at + d.text.length);
          // 两天就到了, 三天左右就到了, 用了三天就坏了: a span followed by 就 is quick, or the life of the goods.
          if (/^(?:左右|上下)?就/.test(rest) && !/等/.test(clause.text.slice(0, d.at))) continue;
          // 用了快两个月, 穿了三天, 买了一个多月: a span of use or ownership is the life of the goods, not a
          // wait (送餐用了一个小时 is one).
          if (/(?:用|穿|戴|玩|买)了?(?:快|将近|不到)?$/.test(clause.text.slice(Math.max(0, d.at - 4), d.at)) && !DELIVERY.test(clause.text)) continue;
          // 才三天, 才买了10多天: 才 before a span makes it short ("only"); after it, long (三天才到).
          if (/才(?:买了?|用了?|到了?)?$/.test(clause.text.slice(Math.max(0, d.at - 3), d.at))) continue;
          // 预计一小时送到, 说好60分钟: a promised time is no wait.
          if (PROMISED.test(clause.text.slice(Math.max(0, d.at - 4), d.at))) continue;
          // 第三天就送到 counts days, not a wait; 7天内送来 is a limit.
          if (clause.text[d.at - 1] === '第' || /^[之以]?内/.test(rest)) continue;
          if (late?.test(clause.text.slice(0, d.at))) return { keyword: clause.text.slice(Math.max(0, d.at - 3), d.at + d.text.length), at: d.at };
          if (!cue.test(clause.text) && !(d.minutes < 24 * 60 && hourCue?.test(clause.text)) && !(pattern.bareHours && domain.delivery === 'hours' && bareWait(clause.text, d, rest))) continue;
          const long = d.minutes >= 24 * 60 ? d.days >= pattern.minDays : d.minutes >= pattern.minMinutes;
          if (long) return { keyword: d.text, at: d.at };
        }
        if (domain.delivery !== 'hours') {
          const days = dateWait(clause, i, clauses, pattern.minDays);
          if (days) return days;
        }
        // Two clock times, the earlier an order, the later an arrival (10点订的，12点才送到;
        // 11:35下单，14:20送到): the wait is their difference.
        if (!hours || !ARRIVED.test(clause.text)) return undefined;
        const arrival = lastMatch(CLOCK, clause.text, isClock);
        if (!arrival) return undefined;
        const earlier = clauses.slice(Math.max(0, i - 2), i).map((c) => c.text).join('，') + '，' + clause.text.slice(0, arrival.index);
        const ordered = lastMatch(CLOCK, earlier, isClock);
        // 才 marks the later time as long awaited (12点半才送到); otherwise the earlier must be the order.
        if (!ordered || !(clause.text.includes('才') || ORDERED.test(earlier.slice(Math.max(0, ordered.index - 4)) + clause.text.slice(arrival.index)))) return undefined;
        const wait = (clockMinutes(arrival) - clockMinutes(ordered) + 720) % 720;
        return wait >= pattern.minMinutes && wait < 600 ? { keyword: `${ordered[0]}…${arrival[0]}`, at: arrival.index } : undefined;
      };
    }
  }
}

/** A date: 8月21日, 8月21号, 6.18号, 20号 (a day of the month alone). */
const DATE = /(?:(\d{1,2})月(\d{1,2})[日号]?|(\d{1,2})[.．](\d{1,2})号|(\d{1,2})[日号](?![楼线店门]))/g;
/** Words right after a date that make it the order's, and the later one's arrival or the wait's end. */
const ORDER_DATE = /^.{0,4}?(?:下单|下的单|订|定的|买|拍|付款)/;
const ARRIVAL_DATE = /^.{0,6}?(?:到|送|收到|发货)|(?:等到|直到|到了)$/;

function dateOf(m: RegExpMatchArray): { month: number | undefined; day: number } {
  if (m[1] !== undefined) return { month: Number(m[1]), day: Number(m[2]) };
  if (m[3] !== undefined) return { month: Number(m[3]), day: Number(m[4]) };
  return { month: undefined, day: Number(m[5]) };
}

/**
 * Two dates, the earlier an order and the later an arrival or the end of a wait (8月21日下单 …
 * 一直等到8月24日, 20号下单，24号才到): a wait in days at or over the parcels' threshold.
 */
function dateWait(clause: Clause, i: number, clauses: readonly Clause[], minDays: number): PatternMatch | undefined {
  const arrival = lastMatch(DATE, clause.text);
  if (!arrival) return undefined;
  const after = clause.text.slice(arrival.index + arrival[0].length);
  const before = clause.text.slice(0, arrival.index);
  if (!ARRIVAL_DATE.test(after) && !ARRIVAL_DATE.test(before)) return undefined;
  const earlier = clauses.slice(Math.max(0, i - 8), i).map((c) => c.text).join('，') + '，' + before;
  const ordered = lastMatch(DATE, earlier, (m) => ORDER_DATE.test(earlier.slice(m.index + m[0].length)));
  if (!ordered) return undefined;
  const from = dateOf(ordered);
  const to = dateOf(arrival);
  const month = to.month ?? from.month;
  const start = from.month ?? month;
  // Days between, across at most one month's end (30 days a month is close enough for a threshold).
  const wait = start === undefined || month === undefined ? to.day - from.day : (month - start) * 30 + to.day - from.day;
  const days = wait < 0 && from.month === undefined ? wait + 30 : wait;
  return days >= minDays && days <= 60 ? { keyword: `${ordered[0]}…${arrival[0]}`, at: arrival.index } : undefined;
}

/** Whether offset `at` of `text` falls inside an occurrence of one of `terms` (再也不会 of 再也不). */
function insideTerm(text: string, at: number, terms: readonly string[]): boolean {
  for (const w of terms) for (let k = 0; k < w.length && k <= at; k++) if (text.startsWith(w, at - k)) return true;
  return false;
}

/** Whether offset `at` begins a word, or follows only a negator within its word (不快: one token). */
function startsWord(clause: Clause, at: number, negators: readonly string[]): boolean {
  for (const t of clause.tokens) {
    if (t.start === at) return true;
    if (t.start < at && t.start + t.word.length > at) return negators.includes(t.word.slice(0, at - t.start));
  }
  return true;
}

function endsWord(clause: Clause, end: number): boolean {
  for (const t of clause.tokens) {
    const tEnd = t.start + t.word.length;
    if (tEnd === end) return true;
    if (t.start < end && tEnd > end) return /^[了的啊啦呢吧呀哦]/.test(t.word.slice(end - t.start));
  }
  return true;
}
