import { lastDay } from '../domain/period.ts';
import type { MetricAlertRow } from '../store/metric-alerts-repository.ts';

/**
 * What a metric finding webhook carries: `{type: "metric", id: "metric-<n>", ...}`, the finding's
 * fixed keys (monitor, metric, topic, scope, window, value, baseline, p_value, n), the slices that
 * contribute most and up to five evidence clauses. `id` equals the X-Painpoint-Id header.
 */
export interface MetricPayload {
  type: 'metric';
  id: string;
  monitor: string;
  kind: string;
  metric: string;
  topic: string | null;
  scope: Record<string, string>;
  window: { from: string; to: string };
  value: number | null;
  baseline: number | null;
  p_value: number | null;
  n: number;
  limit: number | null;
  ratio: number | null;
  contributors: { dimension: string; value: string; count: number; items: number; excess: number }[];
  evidence: { feedback_id: number; channel: string; source: string; region: string | null; product: string | null; evidence: string }[];
  created_at: string;
}

export function metricPayload(a: MetricAlertRow): MetricPayload {
  const d = a.detail as Partial<Pick<MetricPayload, 'contributors' | 'evidence' | 'limit' | 'ratio'>>;
  return {
    type: 'metric',
    id: `metric-${a.id}`,
    monitor: a.monitor,
    kind: a.kind,
    metric: a.metric,
    topic: a.topic === '' ? null : a.topic,
    scope: a.scope,
    window: { from: a.windowFrom, to: a.windowTo },
    value: a.value,
    baseline: a.baseline,
    p_value: a.pValue,
    n: a.n,
    limit: d.limit ?? null,
    ratio: d.ratio ?? null,
    contributors: d.contributors ?? [],
    evidence: (d.evidence ?? []).slice(0, 5),
    created_at: a.createdAt.toISOString(),
  };
}

const METRIC_NAMES: Record<string, string> = { negative_rate: '差评率', share: '痛点占比', items: '反馈量', nps: 'NPS', csat: 'CSAT', ces: 'CES' };
const DIMENSION_NAMES: Record<string, string> = { region: '区域', segment: '客群', channel: '渠道', source: '来源', product: '商品' };

function show(metric: string, v: number | null): string {
  if (v === null) return '—';
  if (metric === 'negative_rate' || metric === 'share') return `${(v * 100).toFixed(1)}%`;
  return metric === 'nps' || metric === 'items' ? v.toFixed(1) : v.toFixed(2);
}

/** The finding as lines for bot relays (WeCom, DingTalk, Feishu): people read these, in Chinese. */
export function metricText(p: MetricPayload): { title: string; lines: { text: string; quote?: boolean }[] } {
  const scope = Object.entries(p.scope).map(([k, v]) => `${DIMENSION_NAMES[k] ?? k}=${v}`).join('，') || '全部';
  const what = `${METRIC_NAMES[p.metric] ?? p.metric}${p.topic ? `（${p.topic}）` : ''}`;
  const until = lastDay(p.window.to);
  const lines: { text: string; quote?: boolean }[] = [
    { text: `监控：${p.monitor}（${p.kind}） 范围：${scope}` },
    { text: `${p.window.from} 至 ${until}：${what} ${show(p.metric, p.value)}，基线 ${show(p.metric, p.baseline)}${p.limit !== null ? `，目标/阈值 ${show(p.metric, p.limit)}` : ''}` },
    { text: `样本 n=${p.n}${p.p_value !== null ? `，p=${p.p_value < 0.0001 ? p.p_value.toExponential(1) : p.p_value.toFixed(4)}` : ''}` },
  ];
  if (p.contributors.length > 0) {
    lines.push({ text: `主要来源：${p.contributors.map((c) => `${DIMENSION_NAMES[c.dimension] ?? c.dimension} ${c.value || '（无）'} ${c.count}`).join('；')}` });
  }
  for (const e of p.evidence) lines.push({ text: e.evidence.length > 120 ? `${e.evidence.slice(0, 120)}…` : e.evidence, quote: true });
  return { title: `指标告警：${scope} ${what}`, lines };
}
