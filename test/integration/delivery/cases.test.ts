import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAlerts, raiseOperationalAlert } from '../../../src/delivery/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import { createCaseApi } from '../../../src/server/index.ts';
import { raiseOperational } from '../../../src/store/alerts-repository.ts';
import { bothBackends, uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { deliveryConfig, openDelivery, SPOILAGE, FOOD_SAFETY, startReceiver, storeAlerts, waitUntil, type DeliveryHarness, type Receiver } from './delivery-support.ts';

const TOKEN = 'case-api-token-0123456789';

async function startApi(pool: import('pg').Pool): Promise<{ base: string; server: http.Server }> {
  const server = createCaseApi({ pool, logger: createLogger({ level: 'silent' }), token: TOKEN });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function call(base: string, method: string, path: string, body?: unknown, token = TOKEN) {
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe.each(bothBackends())('cases: acknowledge, resolve, SLA, escalation on $backend', ({ redisUrl }) => {
  const db = useTestDatabase('delivery_cases');
  let receivers: Receiver[] = [];
  let harness: DeliveryHarness | undefined;
  let api: http.Server | undefined;
  afterEach(async () => {
    await harness?.close();
    await Promise.all(receivers.map((r) => r.close()));
    await new Promise((r) => (api ? api.close(r) : r(undefined)));
    harness = api = undefined;
    receivers = [];
  });

  it('acknowledge and resolve through the API update alert_sla', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    harness = await openDelivery(deliveryConfig(uniquePrefix('cases'), receiver.url), db.current.url, redisUrl, { schedules: false });
    const ids = await storeAlerts(harness.ctx, [[SPOILAGE], [SPOILAGE], [SPOILAGE], [SPOILAGE]]);
    await dispatchAlerts(harness.ctx, ids);
    await receiver.waitFor((all) => all.length === 4);
    const { base, server } = await startApi(harness.ctx.pool);
    api = server;

    const sla = async () => (await harness!.ctx.pool.query("SELECT * FROM alert_sla WHERE rule = 'spoilage'")).rows[0];
    expect(await sla()).toMatchObject({ alerts: 4, acknowledged: 0, resolved: 0, response_rate: 0, closure_rate: 0, ack_seconds_p50: null });

    expect((await call(base, 'POST', `/alerts/${ids[0]}/ack`, {}, 'wrong-token')).status).toBe(401);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const acked = await call(base, 'POST', `/alerts/${ids[0]}/ack`, { note: '已联系顾客' });
    expect(acked.status).toBe(200);
    expect(await acked.json()).toMatchObject({ id: ids[0], status: 'acknowledged' });
    await call(base, 'POST', `/alerts/${ids[1]}/ack`);
    const noNote = await call(base, 'POST', `/alerts/${ids[1]}/resolve`, {});
    expect(noNote.status).toBe(400);
    expect(((await noNote.json()) as { error: string }).error).toMatch(/note/);
    expect((await call(base, 'POST', `/alerts/${ids[1]}/resolve`, { note: '已退款并补发' })).status).toBe(200);
    expect((await call(base, 'POST', '/alerts/99999999/ack', {})).status).toBe(404);

    const row = await sla();
    expect(row).toMatchObject({ alerts: 4, acknowledged: 2, acknowledged_in_time: 2, resolved: 1, response_rate: 0.5, closure_rate: 0.25 });
    expect(row.ack_seconds_p50).toBeGreaterThanOrEqual(0);
    expect(row.ack_seconds_p90).toBeGreaterThanOrEqual(row.ack_seconds_p50);
    expect(row.resolve_seconds_p50).toBeGreaterThanOrEqual(0);
    expect(row.iso_week).toMatch(/^\d{4}-W\d{2}$/);

    // The README's example query runs as written.
    const readme = await harness.ctx.pool.query(`
      SELECT rule, iso_week, alerts, response_rate, closure_rate,
             round((ack_seconds_p50 / 60)::numeric, 1)       AS ack_minutes_p50,
             round((ack_seconds_p90 / 60)::numeric, 1)       AS ack_minutes_p90,
             round((resolve_seconds_p50 / 3600)::numeric, 1) AS resolve_hours_p50,
             round((resolve_seconds_p90 / 3600)::numeric, 1) AS resolve_hours_p90
        FROM alert_sla
       WHERE week >= date_trunc('week', now()) - interval '8 weeks'
       ORDER BY week DESC, rule`);
    expect(readme.rows.find((r) => r.rule === 'spoilage')).toMatchObject({ alerts: 4, response_rate: 0.5, closure_rate: 0.25, resolve_hours_p50: 0 });

    const listed = (await (await call(base, 'GET', '/alerts?status=resolved&rule=spoilage')).json()) as { alerts: { id: number }[] };
    expect(listed.alerts.map((a) => a.id)).toEqual([ids[1]]);
    expect((await call(base, 'GET', '/alerts?status=bogus')).status).toBe(400);
  });

  it('escalates an overdue, unacknowledged alert once, to the escalation endpoint', async () => {
    const alertsReceiver = await startReceiver();
    const oncall = await startReceiver();
    receivers.push(alertsReceiver, oncall);
    const config = deliveryConfig(
      uniquePrefix('escalate'),
      alertsReceiver.url,
      {
        escalateEverySeconds: 1,
        // A one-second deadline for critical alerts, so the case is overdue at once.
        deadlineHours: { critical: 1 / 3600, high: 4, medium: 24, low: 24 },
        endpoints: [{ name: 'oncall', url: oncall.url, secretEnv: 'ONCALL_SECRET', receives: ['escalations'] }],
      },
    );
    process.env.ONCALL_SECRET = 'oncall-secret-value';
    try {
      harness = await openDelivery(config, db.current.url, redisUrl);
      const [overdue, answered] = await storeAlerts(harness.ctx, [[FOOD_SAFETY], [FOOD_SAFETY]]);
      await dispatchAlerts(harness.ctx, [overdue!, answered!]);
      await alertsReceiver.waitFor((all) => all.length === 2);
      await harness.ctx.pool.query('UPDATE alerts SET acknowledged_at = now(), status = $2 WHERE id = $1', [answered, 'acknowledged']);

      await oncall.waitFor((all) => all.length >= 1, 10_000);
      // Several more scheduler rounds: still only the one escalation.
      await new Promise((r) => setTimeout(r, 2500));
      expect(oncall.requests).toHaveLength(1);
      expect(oncall.requests[0]!.body).toMatchObject({ type: 'escalation', id: `escalation-${overdue}`, alert_id: overdue, rule: 'food_safety' });
      expect(oncall.requests[0]!.id).toBe(`escalation-${overdue}`);
      expect(alertsReceiver.requests).toHaveLength(2); // the alerts endpoint is not sent escalations
      const { rows } = await harness.ctx.pool.query('SELECT id, escalated_at IS NOT NULL AS escalated FROM alerts WHERE id = ANY($1::bigint[]) ORDER BY id', [[overdue, answered]]);
      expect(rows).toEqual([{ id: overdue, escalated: true }, { id: answered, escalated: false }]);
      const sla = (await harness.ctx.pool.query("SELECT escalated FROM alert_sla WHERE rule = 'food_safety'")).rows[0];
      expect(sla.escalated).toBe(1);
    } finally {
      delete process.env.ONCALL_SECRET;
    }
  });

  it('the sweep delivers an alert whose dispatch never happened; operational alerts go out once per window', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    harness = await openDelivery(deliveryConfig(uniquePrefix('sweep'), receiver.url, { sweepEverySeconds: 1, sweepGraceSeconds: 0, digestWindowSeconds: 60 }), db.current.url, redisUrl);
    // Stored, committed, and then the process "crashed" before dispatchAlerts; likewise an
    // operational alert recorded but never enqueued.
    const [orphan] = await storeAlerts(harness.ctx, [[SPOILAGE]]);
    const orphanOp = await raiseOperational(harness.ctx.pool, { kind: 'crawl_broken', source: 'meituan', severity: 'high', detail: 'robots.txt now disallows /reviews', windowSeconds: 60 });
    await receiver.waitFor((all) => all.some((r) => r.body.id === orphan) && all.some((r) => r.body.id === `op-${orphanOp.id}`), 10_000);

    const first = await raiseOperationalAlert(harness.ctx, { kind: 'crawl_broken', source: 'dianping', detail: 'selector .review-item matched nothing on 3 pages' });
    const again = await raiseOperationalAlert(harness.ctx, { kind: 'crawl_broken', source: 'dianping', detail: 'still broken' });
    expect(first.sent).toBe(true);
    expect(again).toEqual({ id: first.id, sent: false });
    await receiver.waitFor((all) => all.some((r) => r.body.type === 'operational' && r.body.source === 'dianping'));
    const op = receiver.requests.filter((r) => r.body.type === 'operational' && r.body.source === 'dianping');
    expect(op).toHaveLength(1);
    expect(op[0]!.body).toMatchObject({ id: `op-${first.id}`, kind: 'crawl_broken', source: 'dianping', severity: 'high' });
    expect(op[0]!.verified).toBe(true);
    await waitUntil(async () => (await harness!.ctx.pool.query('SELECT status, repeats FROM operational_alerts WHERE id = $1', [first.id])).rows[0].status === 'delivered');
    expect((await harness.ctx.pool.query('SELECT repeats FROM operational_alerts WHERE id = $1', [first.id])).rows[0].repeats).toBe(1);
  });
});
