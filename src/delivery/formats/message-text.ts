import type { Severity } from '../../nlp/types.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/time-zone.ts';
import { metricText } from '../metric-payload.ts';
import type { WebhookPayload } from '../payload.ts';

/** Bot relays show text to people: rule and severity names in Chinese, the evidence quoted. */
const RULE_NAMES: Record<string, string> = {
  food_safety: '食品安全',
  spoilage: '变质',
  expired: '过期临期',
  cold_chain_failure: '冷链失效',
  escalation: '投诉升级',
  late_delivery: '配送延迟',
  packaging_damage: '包装破损',
  churn_risk: '流失风险',
};
const SEVERITY_NAMES: Record<Severity, string> = { critical: '紧急', high: '高', medium: '中', low: '低' };

export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? rule;
}

export function severityName(severity: string): string {
  return SEVERITY_NAMES[severity as Severity] ?? severity;
}

export interface MessageText {
  title: string;
  /** Lines of plain text; `quote` lines are customer words. */
  lines: { text: string; quote?: boolean; link?: { label: string; url: string } }[];
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function beijingTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: DEFAULT_TIME_ZONE, hour12: false });
}

/**
 * How a format makes text that came from outside (customer words, sources, keywords, rule names
 * from config) inert: it must show as the words it is, never as a link, a mention or formatting
 * in a CX group chat. The painpoint JSON needs none of this: JSON.stringify is its escaping.
 */
export type Escape = (untrusted: string) => string;

/** `http://x` → `http：//x`: no chat client turns it into a link any more. */
function defangLinks(text: string): string {
  return text.replace(/:\/\//g, '：//').replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}．`);
}

/** For plain-text bot messages (Feishu `text` tags): one line, links defanged. */
export const plainEscape: Escape = (text) => defangLinks(text.replace(/[\r\n\u2028\u2029]+/g, ' '));

/**
 * Markdown as WeCom and DingTalk render it (including their HTML subset: `<font>`, `<@userid>`
 * mentions): every character with a meaning there becomes its full-width twin, which reads the same
 * to a person. Backslash escapes are not used because neither bot documents them. Line-start
 * markers (`-`, `+`, `1.`) cannot occur: untrusted text never starts a line, newlines are folded.
 */
const MARKDOWN_TWINS: Record<string, string> = {
  '[': '［', ']': '］', '(': '（', ')': '）', '<': '＜', '>': '＞', '*': '＊', '_': '＿', '`': '｀', '#': '＃',
  '!': '！', '|': '｜', '~': '～', '\\': '＼', '&': '＆', '@': '＠',
};
export const markdownEscape: Escape = (text) => plainEscape(text).replace(/[[\]()<>*_`#!|~\\&@]/g, (c) => MARKDOWN_TWINS[c]!);

/**
 * A link target a chat may show: http(s) only, with the characters that could end a markdown link
 * or an attribute percent-encoded; anything else is left out.
 */
export function safeLink(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  return u.href.replace(/[()[\]<>"'`\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function messageText(payload: WebhookPayload, escape: Escape = plainEscape): MessageText {
  const e = escape;
  switch (payload.type) {
    case 'alert':
    case 'escalation': {
      const head = payload.type === 'escalation' ? '【超时未响应】' : '';
      const alertId = payload.type === 'alert' ? payload.id : payload.alert_id;
      const lines: MessageText['lines'] = [
        { text: `规则：${e(ruleName(payload.rule))}（${payload.rule}） 级别：${severityName(payload.severity)}` },
        { text: `关键词：${e(payload.keyword)}` },
        { text: e(clip(payload.evidence)), quote: true },
        { text: `来源：${e(payload.feedback.source)}（${e(payload.feedback.channel)}）` },
        { text: `响应期限：${beijingTime(payload.due_at)}` },
      ];
      const original = safeLink(payload.feedback.url);
      if (original) lines.push({ text: '原文', link: { label: '查看原文', url: original } });
      const ack = safeLink(payload.links?.ack);
      if (ack) lines.push({ text: '处理', link: { label: '确认受理', url: ack } });
      return { title: `${head}${e(ruleName(payload.rule))}告警 #${alertId}`, lines };
    }
    case 'digest': {
      const lines: MessageText['lines'] = [
        { text: `${beijingTime(payload.window.from)} 至 ${beijingTime(payload.window.to)}，来源 ${e(payload.source)} 共 ${payload.count} 条` },
      ];
      for (const item of payload.items.slice(0, 10)) lines.push({ text: `#${item.id} ${e(clip(item.evidence, 80))}`, quote: true });
      if (payload.count > 10) lines.push({ text: `……另有 ${payload.count - 10} 条` });
      return { title: `${e(ruleName(payload.rule))}告警汇总（${payload.count} 条）`, lines };
    }
    case 'metric':
      return metricText(payload);
    case 'resolution': {
      const lines: MessageText['lines'] = [
        { text: `规则：${ruleName(payload.rule)}（${payload.rule}） 处理人：${payload.assignee ?? '—'}` },
        { text: `结案：${beijingTime(payload.resolved_at)}${payload.within_deadline ? '' : '（超时）'}` },
      ];
      if (payload.compensation) lines.push({ text: `补偿：${payload.compensation.kind} ${payload.compensation.amount} 元` });
      if (payload.note) lines.push({ text: clip(payload.note), quote: true });
      return { title: `已结案 #${payload.alert_id}`, lines };
    }
    case 'operational':
      return {
        title: `系统告警：${payload.kind === 'crawl_broken' ? '采集失败' : e(payload.kind)}`,
        lines: [{ text: `来源：${e(payload.source)}` }, { text: e(clip(payload.detail, 500)), quote: true }],
      };
  }
}

/** Markdown as WeCom and DingTalk render it; the text was made with `markdownEscape`. */
export function markdownText(text: MessageText): string {
  const out = [`### ${text.title}`];
  for (const line of text.lines) {
    if (line.link) out.push(`[${line.link.label}](${line.link.url})`);
    else out.push(line.quote ? `> ${line.text}` : line.text);
  }
  return out.join('\n\n');
}
