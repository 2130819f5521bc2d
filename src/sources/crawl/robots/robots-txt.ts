/**
 * robots.txt as RFC 9309 reads it: groups of user-agent lines with their allow/disallow rules; the
 * group naming our product token wins over `*`; within a group the longest matching rule wins and
 * on a tie allow wins; `*` matches any run of characters and a final `$` anchors the end.
 * Crawl-delay (not in the RFC, but widely set) is kept so a site can slow us further.
 */

interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | undefined;
}

export interface RobotsPolicy {
  /** Whether a URL's path (and query) may be fetched. */
  isAllowed(url: string): boolean;
  /** Seconds between requests the site asks of us, if it says. */
  readonly crawlDelay: number | undefined;
}

/** What the crawler assumes when robots.txt is missing (4xx): everything allowed. */
export const ALLOW_ALL: RobotsPolicy = { isAllowed: () => true, crawlDelay: undefined };
/** What it assumes when robots.txt cannot be read (5xx, network): nothing allowed, per RFC 9309. */
export const DISALLOW_ALL: RobotsPolicy = { isAllowed: () => false, crawlDelay: undefined };

/** The product token robots.txt groups are matched against: `painpoint` in `painpoint/0.1.0 (+…)`. */
export function productToken(userAgent: string): string {
  return (/^[A-Za-z0-9_-]+/.exec(userAgent.trim())?.[0] ?? userAgent).toLowerCase();
}

export function parseRobotsTxt(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      // Consecutive user-agent lines share one group; one after rules starts a new group.
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelay: undefined };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      // An empty disallow allows everything: it is no rule at all.
      if (value === '') continue;
      current.rules.push({ allow: key === 'allow', pattern: value, regex: patternRegex(value) });
    } else if (key === 'crawl-delay') {
      const delay = Number(value);
      if (Number.isFinite(delay) && delay >= 0) current.crawlDelay = delay;
    }
  }
  return groups;
}

/** The policy for one user agent: its own groups (merged) if any name it, else the `*` groups. */
export function robotsPolicy(text: string, userAgent: string): RobotsPolicy {
  const token = productToken(userAgent);
  const groups = parseRobotsTxt(text);
  let chosen = groups.filter((g) => g.agents.some((a) => a !== '*' && token.includes(a)));
  if (chosen.length === 0) chosen = groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules);
  const crawlDelay = chosen.map((g) => g.crawlDelay).find((d) => d !== undefined);
  return {
    crawlDelay,
    isAllowed(url) {
      const target = pathOf(url);
      if (target === '/robots.txt') return true;
      let best: Rule | undefined;
      for (const rule of rules) {
        if (!rule.regex.test(target)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return decodeSafely(u.pathname) + u.search;
  } catch {
    return url;
  }
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function patternRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = decodeSafely(anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}
