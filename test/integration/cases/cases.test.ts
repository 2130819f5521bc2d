import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { acknowledge, resolve } from '../../../src/store/case-actions.ts';
import { workingCalendar } from '../../../src/cases/working-calendar.ts';
import { caseDeadlines } from '../../../src/cases/deadlines.ts';
import { dispatchAlerts } from '../../../src/delivery/index.ts';
import { createLogger } from '../../../src/log/logger.ts';
import type { AlertHit, Aspect } from '../../../src/nlp/types.ts';
import { createCaseApi } from '../../../src/server/index.ts';
import { saveAnalyzedBatch, type AnalyzedFeedback } from '../../../src/store/feedback-repository.ts';
import { addRootCause } from '../../../src/store/root-causes-repository.ts';
import { painpoint } from '../../support/cli.ts';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closeAfterEach, deliveryConfig, openDelivery, SECRET, SPOILAGE, startReceiver } from '../delivery/delivery-support.ts';

const TOKEN = 'cases-api-token-0123456789';
const HOUR = 3_600_000;
const beijing = (s: string) => new Date(`${s}+08:00`);
const calendar = workingCalendar({ start: '09:00', end: '18:00', timeZone: 'Asia/Shanghai', calendar: 'mainland' });
const NEGATIVE_FEEDBACK = { ratingAtMost: 2, sentiment: 'negative' as const, severity: 'low' as const };

let n = 0;
function review(fields: Partial<AnalyzedFeedback> & { alerts?: AlertHit[]; negativeTopics?: Aspect['topic'][]; label?: 'positive' | 'neutral' | 'negative' }): AnalyzedFeedback {
  const i = ++n;
  const { alerts = [], negativeTopics = [], label = 'negative', ...rest } = fields;
  return {
    channel: 'review',
    source: 'tmall-flagship',
    externalId: `case-${process.pid}-${Date.now()}-${i}`,
    contentHash: `case-${i}`,
    text: fields.text ?? '一般般吧',
    postedAt: new Date().toISOString(),
    analysis: {
      sentiment: { label, score: label === 'negative' ? -0.5 : label === 'positive' ? 0.6 : 0 },
      aspects: negativeTopics.map((topic) => ({ topic, polarity: 'negative' as const, evidence: `${topic} 不满意` })),
      alerts,
    },
    ...rest,
  };
}

async function startApi(pool: import('pg').Pool, pipeline?: import('../../../src/pipeline/context.ts').PipelineContext): Promise<{ base: string; close(): Promise<void> }> {
  const server: http.Server = createCaseApi({ pool, logger: createLogger({ level: 'silent' }), token: TOKEN, calendar, pipeline });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

function post(base: string, path: string, body: unknown) {
  return fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('closing the loop: cases', () => {
  const db = useTestDatabase('cases');
  const track = closeAfterEach();

  it('a 1-star review without keywords opens a negative_feedback case, delivered like any alert, digests applying', async () => {
    const receiver = track(await startReceiver());
    const harness = track(await openDelivery(deliveryConfig(uniquePrefix('negfb'), receiver.url, { digestWindowSeconds: 60, cases: { negativeFeedback: NEGATIVE_FEEDBACK } }), db.current.url, undefined, { schedules: false }));
    const items = [
      review({ text: '收到了，就这样吧', rating: 1, label: 'neutral' }), // no keyword, neutral text, one star
      review({ text: '很好吃，下次还买', rating: 5, label: 'positive' }),
      review({ text: '打开发现鸭脖已经变质了', rating: 1, alerts: [SPOILAGE] }), // a rule fired: no second case
      review({ text: '不太满意', label: 'negative' }), // no rating, negative sentiment
      review({ text: '还行', rating: 3, label: 'neutral' }),
    ];
    const saved = await saveAnalyzedBatch(harness.ctx.pool, items, { negativeFeedback: harness.ctx.config.delivery.cases.negativeFeedback, deadlineHours: harness.ctx.config.delivery.deadlineHours });
    const { rows } = await harness.ctx.pool.query(
      'SELECT a.id, a.rule, a.severity, a.keyword, f.external_id FROM alerts a JOIN feedback f ON f.id = a.feedback_id WHERE a.id = ANY($1::bigint[]) ORDER BY a.id',
      [saved.alertIds],
    );
    const byItem = new Map(rows.map((r) => [r.external_id, r]));
    expect(rows).toHaveLength(3);
    expect(byItem.get(items[0]!.externalId)).toMatchObject({ rule: 'negative_feedback', severity: 'low', keyword: 'rating 1' });
    expect(byItem.get(items[2]!.externalId)).toMatchObject({ rule: 'spoilage' });
    expect(byItem.get(items[3]!.externalId)).toMatchObject({ rule: 'negative_feedback', keyword: 'negative sentiment' });

    await dispatchAlerts(harness.ctx, saved.alertIds);
    // spoilage goes out at once; the first negative_feedback case opens a storm window, the second waits in it.
    await receiver.waitFor((all) => all.length === 2);
    const sent = receiver.requests.map((r) => r.body);
    expect(sent.map((b) => b.rule).sort()).toEqual(['negative_feedback', 'spoilage']);
    expect(receiver.requests.every((r) => r.verified)).toBe(true);
    const held = await harness.ctx.pool.query("SELECT count(*)::int AS held FROM alerts WHERE rule = 'negative_feedback' AND digest_id IS NOT NULL AND id = ANY($1::bigint[])", [saved.alertIds]);
    expect(held.rows[0].held).toBe(1);
  });

  it('deadlines in working days: a case opened on the Friday before 端午 and resolved on Friday evening or Tuesday morning', async () => {
    const pool = db.current.pool;
    const deadlines = caseDeadlines({ deadlineHours: { critical: 1, high: 4, medium: 24, low: 24 }, deadlines: { low: '1 workday' }, workingHours: { start: '09:00', end: '18:00', timeZone: 'Asia/Shanghai', calendar: 'mainland' } });
    const saved = await saveAnalyzedBatch(pool, [review({ rating: 1, author: 'wd-a' }), review({ rating: 2, author: 'wd-b' }), review({ rating: 1, author: 'wd-c' })], { negativeFeedback: NEGATIVE_FEEDBACK, deadlines });
    expect(saved.alertIds).toHaveLength(3);
    // The store statement's deadline is one working day from now on the mainland calendar.
    const stored = await pool.query('SELECT created_at, due_at FROM alerts WHERE id = $1', [saved.alertIds[0]]);
    const expectedDue = deadlines.dueAt('low', stored.rows[0].created_at).getTime();
    expect(Math.abs(stored.rows[0].due_at.getTime() - expectedDue)).toBeLessThan(2000);

    // Opened Friday 2025-05-30 16:00 Beijing time; 31 May – 2 June is the 端午 holiday.
    const opened = beijing('2025-05-30T16:00:00');
    const due = deadlines.dueAt('low', opened);
    expect(due).toEqual(beijing('2025-06-03T16:00:00'));
    await pool.query('UPDATE alerts SET created_at = $2, due_at = $3 WHERE id = ANY($1::bigint[])', [saved.alertIds, opened, due]);
    const [fridayEvening, tuesdayMorning, tuesdayLate] = saved.alertIds as [number, number, number];
    await resolve(pool, calendar, fridayEvening, { note: '电话联系，已补发', at: beijing('2025-05-30T21:45:00'), compensation: { kind: '补发', amount: 0 } });
    await resolve(pool, calendar, tuesdayMorning, { note: '节后回访，退款', at: beijing('2025-06-03T10:00:00'), compensation: { kind: '退款', amount: 39.9 } });
    await resolve(pool, calendar, tuesdayLate, { note: '超时才处理', at: beijing('2025-06-03T17:30:00'), compensation: { kind: '退一赔三', amount: 119.6 } });

    const cases = await pool.query('SELECT id, ack_working_hours, resolve_working_hours, extract(epoch FROM resolved_at - created_at) / 3600 AS calendar_hours FROM alerts WHERE id = ANY($1::bigint[]) ORDER BY id', [saved.alertIds]);
    expect(cases.rows.map((r) => [r.resolve_working_hours, Math.round(r.calendar_hours * 100) / 100])).toEqual([
      [2, 5.75], // Friday 16:00–18:00 only
      [3, 90], // 2 h Friday + 1 h Tuesday, not the 90 calendar hours
      [10.5, 97.5], // 2 h Friday + 8.5 h Tuesday: past the Tuesday 16:00 deadline
    ]);
    expect(cases.rows[1].ack_working_hours).toBe(3);
    const sla = (await pool.query("SELECT * FROM alert_sla WHERE rule = 'negative_feedback' AND week = '2025-05-26'")).rows[0];
    expect(sla).toMatchObject({ alerts: 3, resolved: 3, answered_within_deadline: 2, answered_within_deadline_rate: 0.6667, compensated: 3, resolve_working_hours_p50: 3 });
    expect(Number(sla.compensation_total)).toBeCloseTo(159.5, 2);
    expect(due.getTime() - opened.getTime()).toBe(96 * HOUR);
  });

  it('a repeat complaint by the same author about the same topic within 30 days is recurred', async () => {
    const pool = db.current.pool;
    const author = `客户${process.pid}`;
    const day = (d: number) => new Date(Date.UTC(2026, 5, 1 + d, 4)).toISOString();
    const first = review({ author, postedAt: day(0), negativeTopics: ['product.freshness'], alerts: [SPOILAGE] });
    const repeat = review({ author, postedAt: day(12), negativeTopics: ['product.freshness'], alerts: [{ ...SPOILAGE, keyword: '不新鲜', evidence: '又不新鲜' }] });
    const otherTopic = review({ author, postedAt: day(14), negativeTopics: ['delivery.timeliness'], alerts: [{ rule: 'late_delivery', severity: 'medium', keyword: '太慢', evidence: '太慢了' }] });
    const muchLater = review({ author, postedAt: day(60), negativeTopics: ['product.freshness'], alerts: [SPOILAGE] });
    const otherAuthor = review({ author: `别人${process.pid}`, postedAt: day(13), negativeTopics: ['product.freshness'], alerts: [SPOILAGE] });
    const sameOrder = review({ author: `家人${process.pid}`, orderId: `O-${process.pid}`, postedAt: day(3), negativeTopics: ['product.packaging'], alerts: [{ rule: 'packaging_damage', severity: 'medium', keyword: '破损', evidence: '箱子破损' }] });
    const sameOrderAgain = review({ author: `本人${process.pid}`, orderId: `O-${process.pid}`, postedAt: day(5), negativeTopics: ['product.packaging'], alerts: [{ rule: 'packaging_damage', severity: 'medium', keyword: '漏了', evidence: '汤漏了' }] });
    // The repeat arrives first (imported late is the earlier one): order of arrival must not matter.
    const a = await saveAnalyzedBatch(pool, [repeat, otherTopic, muchLater, otherAuthor, sameOrderAgain]);
    const b = await saveAnalyzedBatch(pool, [first, sameOrder]);
    const { rows } = await pool.query('SELECT a.id, a.recurred, a.recurrence_of, f.external_id FROM alerts a JOIN feedback f ON f.id = a.feedback_id WHERE a.id = ANY($1::bigint[])', [[...a.alertIds, ...b.alertIds]]);
    const state = new Map(rows.map((r) => [r.external_id, r]));
    const firstId = state.get(first.externalId)!.id;
    expect(state.get(repeat.externalId)).toMatchObject({ recurred: true, recurrence_of: firstId });
    expect(state.get(first.externalId)).toMatchObject({ recurred: false });
    expect(state.get(otherTopic.externalId)).toMatchObject({ recurred: false });
    expect(state.get(muchLater.externalId)).toMatchObject({ recurred: false });
    expect(state.get(otherAuthor.externalId)).toMatchObject({ recurred: false });
    expect(state.get(sameOrderAgain.externalId)).toMatchObject({ recurred: true, recurrence_of: state.get(sameOrder.externalId)!.id });
    const sla = (await pool.query("SELECT sum(recurred)::int AS recurred, sum(alerts)::int AS alerts FROM alert_sla WHERE rule IN ('spoilage', 'late_delivery', 'packaging_damage')")).rows[0];
    expect(sla.recurred).toBe(2);
  });

  it('resolving through the API records assignee, compensation and root cause, and sends a signed resolution webhook', async () => {
    const receiver = track(await startReceiver());
    const crm = track(await startReceiver());
    process.env.CRM_SECRET = SECRET;
    const config = deliveryConfig(uniquePrefix('resolution'), receiver.url, {
      sweepEverySeconds: 1,
      sweepGraceSeconds: 0,
      // The CRM takes resolutions of spoilage cases only, to send its follow-up survey.
      endpoints: [{ name: 'crm', url: crm.url, secretEnv: 'CRM_SECRET', rules: ['spoilage'], receives: ['resolutions'] }],
    });
    const harness = track(await openDelivery(config, db.current.url, undefined));
    delete process.env.CRM_SECRET;
    const pool = harness.ctx.pool;
    const saved = await saveAnalyzedBatch(pool, [review({ alerts: [SPOILAGE], author: '王**', orderId: 'TM20260601' }), review({ alerts: [SPOILAGE] })]);
    const [viaApi, viaSweep] = saved.alertIds as [number, number];
    await dispatchAlerts(harness.ctx, saved.alertIds);
    // Wait for these two alerts: the 1-second sweep also sends what earlier tests in this database left pending.
    await receiver.waitFor((all) => saved.alertIds.every((id) => all.some((r) => r.id === String(id))));
    const rootCause = await addRootCause(pool, { topic: 'product.freshness', scope: { region: ['华南'] }, whys: ['鸭脖变质', '冷链断链', '末端配送无冷藏'], category: '环', owner: '物流部' });

    const withQueues = track(await startApi(pool, harness.ctx));
    const withoutQueues = track(await startApi(pool));
    expect((await post(withQueues.base, `/alerts/${viaApi}/ack`, { assignee: '李娜', note: '已致电' })).status).toBe(200);
    const bad = await post(withQueues.base, `/alerts/${viaApi}/resolve`, { note: '退款', compensation: { kind: '打折', amount: 5 } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/compensation\.kind/);
    const noCause = await post(withQueues.base, `/alerts/${viaApi}/resolve`, { note: '退款', root_cause_id: 999999 });
    expect(noCause.status).toBe(400);
    expect(((await noCause.json()) as { error: string }).error).toBe('body field "root_cause_id": no root cause 999999');
    const ok = await post(withQueues.base, `/alerts/${viaApi}/resolve`, { note: '退一赔三，已道歉', compensation: { kind: '退一赔三', amount: 119.6 }, root_cause_id: rootCause });
    expect(ok.status).toBe(200);
    // The ticketing system without queues: the delivery sweep sends this one.
    expect((await post(withoutQueues.base, `/alerts/${viaSweep}/resolve`, { note: '补发一份', compensation: { kind: '补发', amount: 0 }, assignee: '张伟' })).status).toBe(200);

    await crm.waitFor((all) => all.filter((r) => r.body.type === 'resolution').length === 2, 30_000);
    const resolutions = crm.requests.filter((r) => r.body.type === 'resolution');
    expect(crm.requests).toHaveLength(2); // no alerts: it receives resolutions only
    expect(resolutions.every((r) => r.verified)).toBe(true);
    const first = resolutions.find((r) => r.body.alert_id === viaApi)!;
    expect(first.id).toBe(`resolution-${viaApi}`);
    expect(first.body).toMatchObject({
      type: 'resolution',
      id: `resolution-${viaApi}`,
      rule: 'spoilage',
      assignee: '李娜',
      note: '退一赔三，已道歉',
      compensation: { kind: '退一赔三', amount: 119.6 },
      root_cause_id: rootCause,
      feedback: { author: '王**', order_id: 'TM20260601' },
      within_deadline: true,
    });
    expect(resolutions.find((r) => r.body.alert_id === viaSweep)!.body).toMatchObject({ assignee: '张伟', compensation: { kind: '补发', amount: 0 } });
    // Once per case, whatever the sweep does next; the default endpoint did not opt in.
    await new Promise((r) => setTimeout(r, 1500));
    expect(crm.requests.filter((r) => r.body.type === 'resolution')).toHaveLength(2);
    expect(receiver.requests.filter((r) => r.body.type === 'resolution')).toHaveLength(0);

    const perCause = (await pool.query('SELECT cases::int, compensation_total::float8 FROM root_cause_cases WHERE root_cause_id = $1', [rootCause])).rows[0];
    expect(perCause).toEqual({ cases: 1, compensation_total: 119.6 });
    const shown = (await (await fetch(`${withQueues.base}/alerts/${viaApi}`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as Record<string, unknown>;
    expect(shown).toMatchObject({ assignee: '李娜', rootCauseId: rootCause, compensation: { kind: '退一赔三', amount: 119.6 }, status: 'resolved' });
  });

  it('painpoint case ack, resolve and show', async () => {
    const pool = db.current.pool;
    const env = { DATABASE_URL: db.current.url, LOG_LEVEL: 'silent' };
    const [id] = (await saveAnalyzedBatch(pool, [review({ alerts: [SPOILAGE] })])).alertIds;
    const cause = await addRootCause(pool, { topic: 'product.freshness', scope: {}, whys: ['变质', '冷库温度波动'], category: '机' });
    expect((await painpoint(['case', 'ack', String(id), '--assignee', '客服B'], env)).code).toBe(0);
    const bad = await painpoint(['case', 'resolve', String(id), '--note', '退款', '--compensation', '打折:5'], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--compensation.*"打折" is not a compensation kind/);
    const missing = await painpoint(['case', 'resolve', String(id), '--note', '退款', '--root-cause', '424242'], env);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('painpoint: no root cause 424242: check --root-cause: `painpoint rootcause list` shows the recorded ones\n');
    const done = await painpoint(['case', 'resolve', String(id), '--note', '退一赔三', '--compensation', '退一赔三:89.7', '--root-cause', String(cause), '--json'], env);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toMatchObject({ id, status: 'resolved', assignee: '客服B', compensation: { kind: '退一赔三', amount: 89.7 }, rootCauseId: cause });
    expect(JSON.parse((await painpoint(['case', 'show', String(id)], env)).out)).toMatchObject({ id, rootCauseId: cause });
    expect((await painpoint(['case', 'show', '987654321'], env)).code).toBe(1);
    const perCause = await painpoint(['rootcause', 'list', '--topic', 'product.freshness'], env);
    expect(perCause.out).toMatch(/cases 1 \(recurred 0\)/);
  });

  it('acknowledging measures working hours too', async () => {
    const pool = db.current.pool;
    const saved = await saveAnalyzedBatch(pool, [review({ alerts: [SPOILAGE] })]);
    const id = saved.alertIds[0]!;
    await pool.query('UPDATE alerts SET created_at = $2 WHERE id = $1', [id, new Date(Date.now() - 2 * HOUR)]);
    expect(await acknowledge(pool, calendar, id, { assignee: '客服A' })).toBe(true);
    expect(await acknowledge(pool, calendar, 987654321, {})).toBe(false);
    const row = (await pool.query('SELECT assignee, ack_working_hours, status FROM alerts WHERE id = $1', [id])).rows[0];
    expect(row).toMatchObject({ assignee: '客服A', status: 'acknowledged' });
    expect(row.ack_working_hours).toBeCloseTo(calendar.workingMsBetween(new Date(Date.now() - 2 * HOUR), new Date()) / HOUR, 1);
  });
});
