import { describe, expect, it } from 'vitest';
import { messageText } from '../../../src/delivery/formats/message-text.ts';
import { resolutionMessage } from '../../../src/delivery/resolution-payload.ts';
import type { CaseRecord } from '../../../src/store/cases-repository.ts';

const closed: CaseRecord = {
  id: 42,
  createdAt: new Date('2026-11-06T02:00:00Z'),
  acknowledgedAt: new Date('2026-11-06T03:00:00Z'),
  resolvedAt: new Date('2026-11-06T08:00:00Z'),
  rule: 'spoilage',
  severity: 'high',
  keyword: '变质',
  evidence: '鸭脖变质了',
  status: 'resolved',
  dueAt: new Date('2026-11-06T06:00:00Z'),
  assignee: '李娜',
  acknowledgedNote: null,
  resolutionNote: '退一赔三',
  compensation: { kind: '退一赔三', amount: 119.6 },
  rootCauseId: 3,
  recurred: true,
  recurrenceOf: 17,
  ackWorkingHours: 1,
  resolveWorkingHours: 6,
  targets: ['default'],
  feedback: { id: 9, channel: 'review', source: 'jd', url: null, text: '鸭脖变质了', postedAt: null, author: '王**', orderId: 'JD1' },
};

describe('the resolution webhook', () => {
  it('carries the case as closed, with the id the header repeats', () => {
    const m = resolutionMessage(closed)!;
    expect(m.deliveryId).toBe('resolution-42');
    expect(m.payload).toMatchObject({
      type: 'resolution',
      id: 'resolution-42',
      alert_id: 42,
      resolved_at: '2026-11-06T08:00:00.000Z',
      compensation: { kind: '退一赔三', amount: 119.6 },
      root_cause_id: 3,
      recurred: true,
      working_hours: { to_acknowledge: 1, to_resolve: 6 },
      within_deadline: true,
      feedback: { author: '王**', order_id: 'JD1' },
    });
    expect(resolutionMessage({ ...closed, resolvedAt: null })).toBeUndefined();
  });

  it('reads as a closed case in bot relays', () => {
    const text = messageText(resolutionMessage(closed)!.payload);
    expect(text.title).toBe('已结案 #42');
    expect(text.lines.map((l) => l.text)).toContain('补偿：退一赔三 119.6 元');
    expect(messageText(resolutionMessage({ ...closed, acknowledgedAt: new Date('2026-11-06T07:00:00Z') })!.payload).lines[1]!.text).toMatch(/（超时）$/);
  });
});
