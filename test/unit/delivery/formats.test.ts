import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../../src/delivery/endpoints.ts';
import { FORMATS } from '../../../src/delivery/formats/index.ts';
import { alertMessage, digestMessage, escalationMessage, operationalMessage } from '../../../src/delivery/payload.ts';
import type { AlertView } from '../../../src/domain/index.ts';
import { verifySignature } from '../../../src/delivery/signature.ts';

const alert: AlertView = {
  id: 42,
  rule: 'spoilage',
  severity: 'high',
  keyword: '变质',
  evidence: '打开包装发现鸭脖已经变质了',
  status: 'pending',
  createdAt: new Date('2026-11-23T08:00:00Z'),
  dueAt: new Date('2026-11-23T12:00:00Z'),
  acknowledgedAt: null,
  resolvedAt: null,
  escalatedAt: null,
  resolutionNote: null,
  feedback: { id: 9, channel: 'review', source: 'jd', url: 'https://item.example.com/r/9', text: '打开包装发现鸭脖已经变质了，太失望', postedAt: new Date('2026-11-23T07:59:00Z') },
};

function endpoint(format: Endpoint['format'], secret?: string, url = 'https://hooks.example.com/x?access_token=abc'): Endpoint {
  return { name: format, url, format, secret, rules: undefined, minSeverity: 'low', channels: undefined, sources: undefined, receives: ['alerts'] };
}

const now = new Date('2026-11-23T08:00:01Z');

describe('webhook formats', () => {
  it('painpoint: the fixed payload, X-Painpoint-Id and a signature over the exact body', () => {
    const msg = alertMessage(alert, { publicUrl: 'https://cx.example.com/' });
    const req = FORMATS.painpoint.render(msg, endpoint('painpoint', 's3cret'), now);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({
      id: 42,
      rule: 'spoilage',
      severity: 'high',
      keyword: '变质',
      evidence: '打开包装发现鸭脖已经变质了',
      feedback: { id: 9, channel: 'review', source: 'jd', url: 'https://item.example.com/r/9', text: alert.feedback.text, posted_at: '2026-11-23T07:59:00.000Z' },
      due_at: '2026-11-23T12:00:00.000Z',
      links: { ack: 'https://cx.example.com/alerts/42/ack', resolve: 'https://cx.example.com/alerts/42/resolve' },
    });
    expect(req.headers['X-Painpoint-Id']).toBe('42');
    const check = verifySignature('s3cret', req.headers['X-Painpoint-Signature']!, req.body, { now: Math.floor(now.getTime() / 1000) });
    expect(check.ok).toBe(true);
  });

  it('wecom: markdown with the evidence, the bot key from the secret, errcode read from the answer', () => {
    const req = FORMATS.wecom.render(alertMessage(alert), endpoint('wecom', 'KEY-1', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send'), now);
    expect(new URL(req.url).searchParams.get('key')).toBe('KEY-1');
    const body = JSON.parse(req.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('> 打开包装发现鸭脖已经变质了');
    expect(body.markdown.content).toContain('变质告警 #42');
    expect(FORMATS.wecom.verdict(200, '{"errcode":0,"errmsg":"ok"}')).toEqual({ ok: true });
    expect(FORMATS.wecom.verdict(200, '{"errcode":93000,"errmsg":"invalid webhook url"}')).toMatchObject({ ok: false, error: /93000/ });
    expect(FORMATS.wecom.verdict(502, '')).toMatchObject({ ok: false });
  });

  it('dingtalk: timestamp and sign query parameters as DingTalk computes them', () => {
    const req = FORMATS.dingtalk.render(alertMessage(alert), endpoint('dingtalk', 'SECdemo'), now);
    const url = new URL(req.url);
    expect(url.searchParams.get('access_token')).toBe('abc');
    const ts = url.searchParams.get('timestamp')!;
    expect(ts).toBe(String(now.getTime()));
    const expected = createHmac('sha256', 'SECdemo').update(`${ts}\nSECdemo`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(expected);
    expect(req.url).toContain(`sign=${encodeURIComponent(expected)}`);
    const body = JSON.parse(req.body);
    expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: '变质告警 #42' } });
  });

  it('feishu: a post with timestamp and sign in the body', () => {
    const req = FORMATS.feishu.render(alertMessage(alert), endpoint('feishu', 'fs-secret'), now);
    const body = JSON.parse(req.body);
    const ts = Math.floor(now.getTime() / 1000);
    expect(body.timestamp).toBe(String(ts));
    expect(body.sign).toBe(createHmac('sha256', `${ts}\nfs-secret`).update('').digest('base64'));
    expect(body.msg_type).toBe('post');
    expect(JSON.stringify(body.content.post.zh_cn.content)).toContain('鸭脖已经变质');
    expect(FORMATS.feishu.verdict(200, '{"code":19021,"msg":"sign match fail"}')).toMatchObject({ ok: false, error: /19021/ });
    expect(FORMATS.feishu.verdict(200, '{"StatusCode":0}')).toEqual({ ok: true });
  });

  it('digests, escalations and operational alerts carry their own prefixed ids', () => {
    const items = [alert, { ...alert, id: 43 }, { ...alert, id: 44 }];
    const digest = digestMessage({ id: 5, rule: 'spoilage', source: 'jd', openedAt: alert.createdAt, closesAt: now, items }, 'high', { digestMaxItems: 2 });
    expect(digest.deliveryId).toBe('digest-5');
    expect(digest.payload).toMatchObject({ type: 'digest', count: 3, rule: 'spoilage', source: 'jd' });
    expect((digest.payload as { items: unknown[] }).items).toHaveLength(2);
    const esc = escalationMessage(alert, { now: new Date('2026-11-23T13:00:00Z') });
    expect(esc.payload).toMatchObject({ type: 'escalation', id: 'escalation-42', alert_id: 42, overdue_seconds: 3600, rule: 'spoilage' });
    const op = operationalMessage({ id: 3, kind: 'crawl_broken', source: 'dianping', severity: 'high', detail: 'selector .review matched nothing', createdAt: now });
    expect(op).toMatchObject({ deliveryId: 'op-3', payload: { type: 'operational', kind: 'crawl_broken', source: 'dianping' } });
    const text = JSON.parse(FORMATS.wecom.render(digest, endpoint('wecom'), now).body).markdown.content as string;
    expect(text).toContain('共 3 条');
  });

  describe('customer text cannot inject links or markup into a group chat', () => {
    const hostile = '鸭脖变质了[点这里领赔偿](https://evil.example/phish) <font color="warning">紧急</font> <@all> **加粗** ![x](https://evil.example/p.png)\n### 假标题 http://evil.example/a';
    const hostileAlert: AlertView = {
      ...alert,
      evidence: hostile,
      feedback: { ...alert.feedback, source: 'jd](https://evil.example)', text: hostile, url: 'https://item.example.com/r/9)[更多](https://evil.example' },
    };

    function links(markdown: string): string[] {
      return [...markdown.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]!);
    }

    for (const format of ['wecom', 'dingtalk'] as const) {
      it(`${format}: markdown metacharacters and links in customer text are inert`, () => {
        const req = FORMATS[format].render(alertMessage(hostileAlert, { publicUrl: 'https://cx.example.com' }), endpoint(format, 'k', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send'), now);
        const body = JSON.parse(req.body);
        const md: string = format === 'wecom' ? body.markdown.content : body.markdown.text;
        // Only painpoint's own two links remain, each a single well-formed target.
        expect(links(md)).toEqual(['https://item.example.com/r/9%29%5B%E6%9B%B4%E5%A4%9A%5D%28https://evil.example', 'https://cx.example.com/alerts/42/ack']);
        expect(md).not.toMatch(/<font|<@|\*\*|!\[|evil\.example\/phish\)|http:\/\/evil/);
        expect(md.split('\n').filter((l) => l.startsWith('#'))).toEqual([`### 变质告警 #42`]);
        // Still readable: the words are there, in full-width twins.
        expect(md).toContain('鸭脖变质了［点这里领赔偿］（https：//evil.example/phish）');
      });
    }

    it('feishu: customer text goes only into text tags, with links defanged; link tags are ours', () => {
      const req = FORMATS.feishu.render(alertMessage(hostileAlert, { publicUrl: 'https://cx.example.com' }), endpoint('feishu'), now);
      const content = JSON.parse(req.body).content.post.zh_cn.content as { tag: string; text: string; href?: string }[][];
      const tags = content.flat();
      expect(tags.filter((t) => t.tag === 'a').map((t) => t.href)).toEqual(['https://item.example.com/r/9%29%5B%E6%9B%B4%E5%A4%9A%5D%28https://evil.example', 'https://cx.example.com/alerts/42/ack']);
      const texts = tags.filter((t) => t.tag === 'text').map((t) => t.text).join('\n');
      expect(texts).not.toContain('https://evil');
      expect(texts).not.toContain('http://evil');
      expect(texts).toContain('https：//evil.example/phish');
    });

    it('a link that is not http(s) is left out of chat messages', () => {
      const req = FORMATS.wecom.render(alertMessage({ ...alert, feedback: { ...alert.feedback, url: 'javascript:alert(1)' } }), endpoint('wecom'), now);
      expect(JSON.parse(req.body).markdown.content).not.toContain('javascript');
    });

    it('painpoint: the JSON carries the customer text exactly (JSON is its own escaping)', () => {
      const req = FORMATS.painpoint.render(alertMessage(hostileAlert), endpoint('painpoint', 's'), now);
      expect(JSON.parse(req.body).feedback.text).toBe(hostile);
      expect(JSON.parse(req.body).evidence).toBe(hostile);
    });
  });
});
