import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../../src/delivery/endpoints.ts';
import { FORMATS } from '../../../src/delivery/formats/index.ts';
import { metricPayload } from '../../../src/delivery/metric-payload.ts';
import { verifySignature } from '../../../src/delivery/signature.ts';
import type { MetricAlertRow } from '../../../src/store/metric-alerts-repository.ts';

const row: MetricAlertRow = {
  id: 7,
  monitor: 'pain-spikes-by-region',
  kind: 'relative',
  metric: 'negative_rate',
  topic: 'delivery.cold_chain',
  scope: { region: '华南' },
  windowFrom: '2026-11-02',
  windowTo: '2026-11-09',
  value: 0.525,
  baseline: 0.02,
  pValue: 4.5e-12,
  n: 61,
  detail: {
    limit: null,
    ratio: 26.25,
    contributors: [{ dimension: 'product', value: '毛肚', count: 12, items: 20, excess: 11.6 }],
    evidence: Array.from({ length: 7 }, (_, i) => ({ feedback_id: i, channel: 'review', source: 'jd', region: '华南', product: '毛肚', evidence: `冰袋全化了${i}` })),
  },
  status: 'pending',
  targets: ['default'],
  deliveredTo: [],
  attempts: 0,
  createdAt: new Date('2026-11-09T04:00:00Z'),
};

function endpoint(format: Endpoint['format'], secret?: string): Endpoint {
  return { name: format, url: 'https://hooks.example.com/x', format, secret, rules: undefined, minSeverity: 'low', channels: undefined, sources: undefined, receives: ['metrics'] };
}

const now = new Date('2026-11-09T04:00:01Z');

describe('metric webhooks', () => {
  const payload = metricPayload(row);
  const message = { deliveryId: payload.id, payload };

  it('the painpoint format carries the finding signed, with at most five evidence clauses', () => {
    const req = FORMATS.painpoint.render(message, endpoint('painpoint', 's3cret'), now);
    const body = JSON.parse(req.body);
    expect(req.headers['X-Painpoint-Id'] ?? req.headers['x-painpoint-id']).toBe('metric-7');
    const signature = Object.entries(req.headers).find(([k]) => k.toLowerCase() === 'x-painpoint-signature')![1];
    expect(verifySignature('s3cret', signature, req.body, { now: Math.floor(now.getTime() / 1000), toleranceSeconds: 300 }).ok).toBe(true);
    expect(verifySignature('other', signature, req.body, { now: Math.floor(now.getTime() / 1000), toleranceSeconds: 300 }).ok).toBe(false);
    expect(body).toMatchObject({ type: 'metric', id: 'metric-7', monitor: 'pain-spikes-by-region', topic: 'delivery.cold_chain', scope: { region: '华南' }, window: { from: '2026-11-02', to: '2026-11-09' }, value: 0.525, baseline: 0.02, p_value: 4.5e-12, n: 61, ratio: 26.25 });
    expect(body.evidence).toHaveLength(5);
    expect(body.contributors[0]).toEqual({ dimension: 'product', value: '毛肚', count: 12, items: 20, excess: 11.6 });
  });

  it('WeCom, DingTalk and Feishu get a readable Chinese message with the scope, the numbers and the evidence', () => {
    const wecom = JSON.parse(FORMATS.wecom.render(message, endpoint('wecom', 'KEY'), now).body).markdown.content as string;
    expect(wecom).toContain('指标告警：区域=华南 差评率（delivery.cold_chain）');
    expect(wecom).toContain('2026-11-02 至 2026-11-08：差评率（delivery.cold_chain） 52.5%，基线 2.0%');
    expect(wecom).toContain('p=4.5e-12');
    expect(wecom).toContain('商品 毛肚 12');
    expect(wecom).toContain('> 冰袋全化了0');
    const ding = JSON.parse(FORMATS.dingtalk.render(message, endpoint('dingtalk', 'SEC'), now).body);
    expect(ding.markdown.title).toContain('指标告警');
    const feishu = JSON.parse(FORMATS.feishu.render(message, endpoint('feishu', 'fs'), now).body);
    expect(feishu.content.post.zh_cn.title).toBe('指标告警：区域=华南 差评率（delivery.cold_chain）');
    expect(JSON.stringify(feishu.content.post.zh_cn.content)).toContain('「冰袋全化了4」');
  });
});
