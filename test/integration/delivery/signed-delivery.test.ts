import { describe, expect, it } from 'vitest';
import { dispatchAlerts } from '../../../src/delivery/index.ts';
import { verifyPainpoint } from '../../unit/delivery/fixtures/verify-painpoint.js';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { alertStatuses, closeAfterEach, deliveryConfig, FOOD_SAFETY, openDelivery, SECRET, SPOILAGE, startReceiver, storeAlerts } from './delivery-support.ts';

describe.each(bothBackends())('signed delivery on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('delivery_signed');
  const track = closeAfterEach();

  it('delivers stored alerts signed; the receiver verifies each, a tampered body fails; no secret in the logs', async () => {
    const receiver = track(await startReceiver());
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('signed'), receiver.url), db.current.url, redisUrl));
    const ids = await storeAlerts(harness.ctx, [[SPOILAGE], [FOOD_SAFETY], [SPOILAGE, { ...FOOD_SAFETY, evidence: '孩子吃了呕吐' }]]);
    expect(ids).toHaveLength(4);
    await dispatchAlerts(harness.ctx, ids);
    await receiver.waitFor((all) => all.length >= 4);

    const got = receiver.requests;
    expect(got.every((r) => r.verified)).toBe(true);
    expect(got.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    for (const r of got) {
      expect(r.body.id).toBe(Number(r.id));
      expect(Object.keys(r.body)).toEqual(expect.arrayContaining(['id', 'rule', 'severity', 'keyword', 'evidence', 'feedback', 'due_at']));
      expect(Object.keys(r.body.feedback)).toEqual(['id', 'channel', 'source', 'url', 'text', 'posted_at']);
      expect(r.body.links.ack).toBe(`https://cx.example.com/alerts/${r.body.id}/ack`);
    }
    const spoiled = got.find((r) => r.body.rule === 'spoilage')!;
    expect(spoiled.body).toMatchObject({ severity: 'high', keyword: '变质', evidence: '打开发现鸭脖已经变质了', feedback: { channel: 'review', source: 'jd-flagship' } });

    const tampered = Buffer.from(spoiled.raw.toString('utf8').replace('变质', '新鲜'));
    expect(verifyPainpoint(SECRET, spoiled.signature, tampered)).toBe(false);
    expect(verifyPainpoint('another-secret', spoiled.signature, spoiled.raw)).toBe(false);

    await expect.poll(() => alertStatuses(harness.ctx, ids)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    const log = await harness.ctx.pool.query('SELECT count(*)::int AS n FROM alert_deliveries WHERE ok AND status_code = 200 AND alert_id = ANY($1::bigint[])', [ids]);
    expect(log.rows[0].n).toBe(4);

    const delivered = harness.logs.filter((l) => l.includes('webhook delivered'));
    expect(delivered.length).toBe(4);
    expect(delivered[0]).toContain('"endpoint":"default"');
    for (const line of harness.logs) {
      expect(line).not.toContain(SECRET);
      expect(line).not.toContain(spoiled.signature.split('v1=')[1]);
    }
  });
});
