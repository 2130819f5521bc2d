import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { negativeFeedbackHit } from '../../../src/cases/negative-feedback.ts';
import { parseCompensation } from '../../../src/cases/compensation.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { caseDeadlines } from '../../../src/cases/deadlines.ts';
import { parseScope } from '../../../src/domain/index.ts';

const tmp: string[] = [];
function configFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-cases-'));
  tmp.push(dir);
  const file = path.join(dir, 'cases.yaml');
  fs.writeFileSync(file, text);
  return file;
}
afterEach(() => {
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('delivery.cases and delivery.deadlines config', () => {
  it('reads workday deadlines and the negative_feedback rule; old configs keep deadlineHours', () => {
    const old = loadConfig({ env: {} });
    expect(old.delivery.deadlines).toBeUndefined();
    expect(old.delivery.cases.negativeFeedback).toBeUndefined();
    expect(caseDeadlines(old.delivery).hoursFrom(new Date('2026-06-03T01:00:00Z'))).toEqual({ critical: 1, high: 4, medium: 24, low: 24 });

    const file = configFile('delivery:\n  deadlines: { low: 1 workday, medium: "4h" }\n  workingHours: { start: "08:30", end: "17:30" }\n  cases:\n    negativeFeedback: { ratingAtMost: 2, sentiment: negative, severity: low }\n');
    const config = loadConfig({ env: { PAINPOINT_CONFIG: file } });
    expect(config.delivery.cases.negativeFeedback).toEqual({ ratingAtMost: 2, sentiment: 'negative', severity: 'low' });
    expect(config.delivery.workingHours).toEqual({ start: '08:30', end: '17:30', timeZone: 'Asia/Shanghai', calendar: 'mainland' });
    // Friday 2025-05-30 10:00 Beijing: one 9-hour working day ends Tuesday 10:00 after the 端午 holiday.
    const d = caseDeadlines(config.delivery);
    expect(d.dueAt('low', new Date('2025-05-30T10:00:00+08:00'))).toEqual(new Date('2025-06-03T10:00:00+08:00'));
    expect(d.dueAt('medium', new Date('2025-05-30T10:00:00+08:00'))).toEqual(new Date('2025-05-30T14:00:00+08:00'));
    expect(d.dueAt('critical', new Date('2025-05-30T10:00:00+08:00'))).toEqual(new Date('2025-05-30T11:00:00+08:00'));
  });

  it('names the file and key of a bad deadline, working hours or case rule', () => {
    expect(() => loadConfig({ env: { PAINPOINT_CONFIG: configFile('delivery:\n  deadlines: { high: soon }\n') } })).toThrow(/cases\.yaml: delivery\.deadlines\.high: "soon" is not a deadline/);
    expect(() => loadConfig({ env: { PAINPOINT_CONFIG: configFile('delivery:\n  workingHours: { start: "18:00", end: "09:00" }\n') } })).toThrow(/delivery\.workingHours: working hours must end after they start/);
    expect(() => loadConfig({ env: { PAINPOINT_CONFIG: configFile('delivery:\n  cases:\n    negativeFeedback: { severity: low }\n') } })).toThrow(/delivery\.cases\.negativeFeedback: give ratingAtMost, sentiment or both/);
  });
});

describe('negativeFeedbackHit', () => {
  const rule = { ratingAtMost: 2, sentiment: 'negative' as const, severity: 'low' as const };
  const item = (rating: number | undefined, label: 'positive' | 'neutral' | 'negative', alerts = 0) => ({
    channel: 'review',
    text: '收到了',
    rating,
    analysis: { sentiment: { label, score: 0 }, aspects: [], alerts: Array.from({ length: alerts }, () => ({ rule: 'spoilage', severity: 'high' as const, keyword: '变质', evidence: '变质' })) },
  });

  it('opens a case for a low rating or negative sentiment when no rule fired', () => {
    expect(negativeFeedbackHit(item(1, 'neutral'), rule)).toEqual({ rule: 'negative_feedback', severity: 'low', keyword: 'rating 1', evidence: '收到了' });
    expect(negativeFeedbackHit(item(undefined, 'negative'), rule)?.keyword).toBe('negative sentiment');
    expect(negativeFeedbackHit(item(3, 'neutral'), rule)).toBeUndefined();
    expect(negativeFeedbackHit(item(1, 'negative', 1), rule)).toBeUndefined();
    expect(negativeFeedbackHit(item(1, 'negative'), undefined)).toBeUndefined();
    expect(negativeFeedbackHit(item(1, 'negative'), { ...rule, channels: ['chat'] })).toBeUndefined();
  });
});

describe('flags', () => {
  it('parses compensation and scopes, naming what is wrong', () => {
    expect(parseCompensation('退一赔三:89.7')).toEqual({ kind: '退一赔三', amount: 89.7 });
    expect(parseCompensation('补发')).toEqual({ kind: '补发', amount: 0 });
    expect(parseCompensation('打折:5')).toMatch(/"打折" is not a compensation kind/);
    expect(parseScope(['region=华南', 'region=华东', 'segment=VIP'])).toEqual({ region: ['华南', '华东'], segment: ['VIP'] });
    expect(parseScope(['city=广州'])).toMatch(/"city" is not a scope key/);
    expect(parseScope(['华南'])).toMatch(/not key=value/);
  });
});
