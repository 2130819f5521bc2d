import { describe, expect, it } from 'vitest';
import { ingestBatch, ingestRecord, type IngestOptions } from '../../../src/ingest/index.ts';
import { parseFieldMap } from '../../../src/ingest/fields.ts';
import { recordFromRow } from '../../../src/ingest/from-row.ts';
import { readScores } from '../../../src/ingest/scores.ts';

const options: IngestOptions = { normalize: (s) => s, maskPersonalData: true, timeZone: 'Asia/Shanghai' };

describe('survey fields on import', () => {
  it('recognises nps, csat, ces and product by default beside rating', () => {
    const record = recordFromRow({ id: 'r1', text: '挺好', rating: '4', nps: '9', csat: 5, ces: '4', product: '毛肚' }, { channel: 'review', source: 'survey' });
    const r = ingestRecord(record, { file: 's.csv', line: 2 }, options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.item).toMatchObject({ rating: 4, nps: 9, csat: 5, ces: 4, product: '毛肚', meta: {} });
    expect(r.rejections).toBeUndefined();
  });

  it('--map takes other column names: 推荐意愿, 满意度, 商品', () => {
    const map = parseFieldMap('nps=推荐意愿,csat=满意度,product=商品');
    const record = recordFromRow({ text: '一般', 推荐意愿: '１０', 满意度: '3分', 商品: '钟水饺' }, { channel: 'review', source: 'survey', map });
    const r = ingestRecord(record, {}, options);
    expect(r.ok && r.item).toMatchObject({ nps: 10, csat: 3, product: '钟水饺' });
  });

  it('an out-of-range score is rejected with its field named, and the rest of the row is kept', () => {
    const record = recordFromRow({ id: 'r2', text: '冻品化了', nps: '11', csat: '4', region: '华南' }, { channel: 'review', source: 'survey' });
    const r = ingestRecord(record, { file: 's.csv', line: 7 }, options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.item).toMatchObject({ externalId: 'r2', text: '冻品化了', csat: 4, region: '华南' });
    expect(r.item.nps).toBeUndefined();
    expect(r.rejections).toEqual([expect.objectContaining({ reason: 'invalid_score', field: 'nps', file: 's.csv', line: 7, message: '"11" is outside 0–10 (nps)' })]);
    // the batch passes both on: the item to analysis, the rejection to rejected_items
    const batch = ingestBatch([{ record, origin: { line: 7 } }], options);
    expect(batch.items).toHaveLength(1);
    expect(batch.rejections.map((x) => x.field)).toEqual(['nps']);
  });

  it('names every bad score of a row in one rejection; whole numbers only', () => {
    expect(readScores({ nps: '7.5', csat: 0, ces: '很难' })).toEqual({
      scores: {},
      problems: [
        { field: 'nps', message: '"7.5" is outside 0–10 (nps)' },
        { field: 'csat', message: '0 is outside 1–5 (csat)' },
        { field: 'ces', message: '"很难" is not a ces score (expected a whole number 1–5)' },
      ],
    });
    const r = ingestRecord({ channel: 'review', source: 's', text: '好', nps: -1, ces: 6 }, { line: 3 }, options);
    expect(r.ok && r.rejections?.map((x) => [x.field, x.reason])).toEqual([['nps,ces', 'invalid_score']]);
    expect(readScores({ nps: 0, csat: '5', ces: 1 }).scores).toEqual({ nps: 0, csat: 5, ces: 1 });
  });
});
