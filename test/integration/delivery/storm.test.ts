import { describe, expect, it } from 'vitest';
import { dispatchAlerts } from '../../../src/delivery/index.ts';
import { redisUrl, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closeAfterEach, deliveryConfig, FOOD_SAFETY, LATE, openDelivery, startReceiver, storeAlerts, waitUntil, type Receiver } from './delivery-support.ts';

describe('storm control', () => {
  const db = useTestDatabase('delivery_storm');
  const track = closeAfterEach();

  it('1,000 late_delivery alerts arrive as digests; a food_safety alert in the middle arrives on its own, at once', async () => {
    const receiver = track(await startReceiver());
    const config = deliveryConfig(uniquePrefix('storm'), receiver.url, { digestWindowSeconds: 2, digestMaxItems: 1000 });
    const harness = track(await openDelivery(config, db.current.url, redisUrl()));

    const late: number[] = [];
    let safetyId = 0;
    let safetyDispatchedAt = 0;
    const started = Date.now();
    // 20 store batches of 50, as the store stage would commit and dispatch them, over about 3 s.
    for (let batch = 0; batch < 20; batch++) {
      const ids = await storeAlerts(harness.ctx, Array.from({ length: 50 }, () => [LATE]));
      await dispatchAlerts(harness.ctx, ids);
      late.push(...ids);
      if (batch === 10) {
        safetyId = (await storeAlerts(harness.ctx, [[FOOD_SAFETY]]))[0]!;
        await dispatchAlerts(harness.ctx, [safetyId]);
        safetyDispatchedAt = Date.now();
      }
      await new Promise((r) => setTimeout(r, Math.max(0, started + (batch + 1) * 150 - Date.now())));
    }
    expect(late).toHaveLength(1000);

    const covered = (all: Receiver['requests']) =>
      all.filter((r) => r.body.rule === 'late_delivery').reduce((n, r) => n + (r.body.type === 'digest' ? r.body.count : 1), 0);
    await receiver.waitFor((all) => covered(all) >= 1000, 20_000);

    const lateRequests = receiver.requests.filter((r) => r.body.rule === 'late_delivery');
    const digests = lateRequests.filter((r) => r.body.type === 'digest');
    const singles = lateRequests.filter((r) => r.body.type === 'alert');
    // Each window: its first alert at once, the rest as one digest at its end.
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(lateRequests.length).toBeLessThanOrEqual(10);
    expect(singles.length).toBeLessThanOrEqual(digests.length + 1);
    const seen = [...singles.map((r) => r.body.id as number), ...digests.flatMap((r) => r.body.items.map((i: { id: number }) => i.id))];
    expect(seen.sort((a, b) => a - b)).toEqual([...late].sort((a, b) => a - b));
    for (const d of digests) {
      expect(d.verified).toBe(true);
      expect(d.id).toMatch(/^digest-\d+$/);
      expect(d.body).toMatchObject({ type: 'digest', rule: 'late_delivery', severity: 'medium', source: 'jd-flagship' });
      expect(d.body.items).toHaveLength(d.body.count);
    }

    const safety = receiver.requests.filter((r) => r.body.rule === 'food_safety');
    expect(safety).toHaveLength(1);
    expect(safety[0]!.body).toMatchObject({ type: 'alert', id: safetyId, severity: 'critical' });
    expect(safety[0]!.at - safetyDispatchedAt).toBeLessThan(1000);
    // It did not wait for the window that was holding late_delivery alerts when it came.
    const digestAfter = digests.find((d) => d.at > safetyDispatchedAt)!;
    expect(safety[0]!.at).toBeLessThan(digestAfter.at);

    await waitUntil(async () => {
      const { rows } = await harness.ctx.pool.query("SELECT count(*)::int AS n FROM alerts WHERE status = 'delivered'");
      return rows[0].n === 1001;
    }, 10_000, 'every alert delivered');
  });
});
