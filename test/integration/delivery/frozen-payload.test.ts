import { describe, expect, it } from 'vitest';
import { dispatchAlerts, escalateOverdue } from '../../../src/delivery/index.ts';
import { enqueueDeliveries } from '../../../src/delivery/runtime.ts';
import { acknowledgeAlert } from '../../../src/store/alerts-repository.ts';
import { redisUrl, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { alertStatuses, closeAfterEach, deliveryConfig, openDelivery, SPOILAGE, startReceiver, storeAlerts, waitUntil } from './delivery-support.ts';

describe('one X-Painpoint-Id, one body; status follows the last attempt', () => {
  const db = useTestDatabase('delivery_frozen');
  const track = closeAfterEach();

  it('an alert acknowledged while its delivery is retried goes out with the body of its first try', async () => {
    let alertId = 0;
    let pool: import('pg').Pool | undefined;
    const receiver = track(
      await startReceiver((n) => {
        // The CX team acknowledges from the case page between the first and the second try.
        if (n === 1) void acknowledgeAlert(pool!, alertId, 'seen');
        return n <= 2 ? 500 : 200;
      }),
    );
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('frozen'), receiver.url, { attempts: 5, backoffMs: 300 }), db.current.url, redisUrl()));
    pool = harness.ctx.pool;
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    alertId = id!;
    await dispatchAlerts(harness.ctx, [id!]);
    await receiver.waitFor((all) => all.some((r) => r.status === 200), 15_000);
    expect((await harness.ctx.pool.query('SELECT status FROM alerts WHERE id = $1', [id])).rows[0].status).toBe('acknowledged');
    expect(receiver.requests.length).toBe(3);
    const bodies = new Set(receiver.requests.map((r) => r.raw.toString('utf8')));
    expect(bodies.size).toBe(1);
    expect(receiver.requests[0]!.body.status).toBe('pending');
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
  });

  it('an escalation retried a second later carries the same overdue_seconds', async () => {
    const receiver = track(await startReceiver((n) => (n === 1 ? 503 : 200)));
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('esc-frozen'), receiver.url, { attempts: 3, backoffMs: 1500 }), db.current.url, redisUrl(), { schedules: false }));
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]], undefined, { critical: 0.0001, high: 0.0001, medium: 0.0001, low: 0.0001 });
    await new Promise((r) => setTimeout(r, 600)); // past its deadline
    expect(await escalateOverdue(harness.ctx)).toBe(1);
    await receiver.waitFor((all) => all.some((r) => r.status === 200), 15_000);
    expect(receiver.requests.map((r) => r.id)).toEqual([`escalation-${id}`, `escalation-${id}`]);
    expect(receiver.requests[1]!.at - receiver.requests[0]!.at).toBeGreaterThanOrEqual(1400);
    expect(receiver.requests[1]!.raw.equals(receiver.requests[0]!.raw)).toBe(true);
  });

  it('an alert a later attempt delivers with a 200 is delivered, not left failed', async () => {
    let up = false;
    const receiver = track(await startReceiver(() => (up ? 200 : 500)));
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('later-ok'), receiver.url, { attempts: 2, backoffMs: 20 }), db.current.url, redisUrl(), { schedules: false }));
    const [id] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    await dispatchAlerts(harness.ctx, [id!]);
    await waitUntil(async () => (await alertStatuses(harness.ctx, [id!]))[0] === 'failed', 15_000, 'alert failed');
    up = true;
    // The same delivery run once more (a stalled job re-run elsewhere, a second round), this time accepted.
    await enqueueDeliveries(harness.ctx, [{ data: { kind: 'alert', id: id!, endpoint: 'default' }, round: 7 }]);
    await waitUntil(async () => (await alertStatuses(harness.ctx, [id!]))[0] === 'delivered', 15_000, 'alert delivered after a later 200');
    expect(receiver.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(receiver.requests.map((r) => r.raw.toString('utf8'))).size).toBe(1);
  });
});
