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
const SEVERITY_NAMES: Record<string, string> = { critical: '紧急', high: '高', medium: '中', low: '低' };

export function ruleName(rule: string): string {
  return RULE_NAMES[rule] ?? rule;
}

export function severityName(severity: string): string {
  return SEVERITY_NAMES[severity] ?? severity;
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
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function messageText(payload: WebhookPayload): MessageText {
  switch (payload.type) {
    case 'alert':
    case 'escalation': {
      const head = payload.type === 'escalation' ? '【超时未响应】' : '';
      const alertId = payload.type === 'alert' ? payload.id : payload.alert_id;
      const lines: MessageText['lines'] = [
        { text: `规则：${ruleName(payload.rule)}（${payload.rule}） 级别：${severityName(payload.severity)}` },
        { text: `关键词：${payload.keyword}` },
        { text: clip(payload.evidence), quote: true },
        { text: `来源：${payload.feedback.source}（${payload.feedback.channel}）` },
        { text: `响应期限：${beijingTime(payload.due_at)}` },
      ];
      if (payload.feedback.url) lines.push({ text: '原文', link: { label: '查看原文', url: payload.feedback.url } });
      if (payload.links) lines.push({ text: '处理', link: { label: '确认受理', url: payload.links.ack } });
      return { title: `${head}${ruleName(payload.rule)}告警 #${alertId}`, lines };
    }
    case 'digest': {
      const lines: MessageText['lines'] = [
        { text: `${beijingTime(payload.window.from)} 至 ${beijingTime(payload.window.to)}，来源 ${payload.source} 共 ${payload.count} 条` },
      ];
      for (const item of payload.items.slice(0, 10)) lines.push({ text: `#${item.id} ${clip(item.evidence, 80)}`, quote: true });
      if (payload.count > 10) lines.push({ text: `……另有 ${payload.count - 10} 条` });
      return { title: `${ruleName(payload.rule)}告警汇总（${payload.count} 条）`, lines };
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
        title: `系统告警：${payload.kind === 'crawl_broken' ? '采集失败' : payload.kind}`,
        lines: [{ text: `来源：${payload.source}` }, { text: clip(payload.detail, 500), quote: true }],
      };
  }
}

/** Markdown as WeCom and DingTalk render it. */
export function markdownText(text: MessageText): string {
  const out = [`### ${text.title}`];
  for (const line of text.lines) {
    if (line.link) out.push(`[${line.link.label}](${line.link.url})`);
    else out.push(line.quote ? `> ${line.text.replace(/\n/g, ' ')}` : line.text);
  }
  return out.join('\n\n');
}
