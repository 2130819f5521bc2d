import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { saveAnalyzedBatch } from '../../../src/store/feedback-repository.ts';
import { useTestDatabase } from '../../support/services.ts';
import { makeItems } from '../store/analyzed-items.ts';
import { count } from './pipeline-support.ts';

describe('saveAnalyzedBatch isolates the items Postgres cannot take', () => {
  const db = useTestDatabase('store_isolation');

  it('stores 46 of 50 items when four are bad, refusing each with its reason; a retry adds nothing', async () => {
    const items = makeItems(50, { source: 'iso', seed: 7 });
    items[3] = { ...items[3]!, text: '含有\u0000空字节' };
    items[11] = { ...items[11]!, meta: { note: 'x\udc00' } };
    // Random, so that compression cannot shrink it under the index's limit of about 2,700 bytes.
    items[27] = { ...items[27]!, externalId: `x${randomBytes(4500).toString('hex')}` };
    items[40] = { ...items[40]!, rating: 9 };
    const result = await saveAnalyzedBatch(db.current.pool, items);
    expect(result.stored).toBe(46);
    expect(result.refused.map((r) => [r.item.externalId.startsWith('x') ? 'x' : r.item.externalId, r.code]).sort()).toEqual(
      [
        ['r3', 'invalid_characters'],
        ['r11', 'invalid_characters'],
        ['x', '54000'],
        ['r40', '23514'],
      ].sort(),
    );
    expect(await count(db.current.pool, `SELECT count(*) AS n FROM feedback WHERE source = 'iso'`)).toBe(46);
    // Text with half a character is refused, not stored as U+FFFD.
    expect(await count(db.current.pool, `SELECT count(*) AS n FROM feedback WHERE text LIKE '%' || chr(65533) || '%'`)).toBe(0);
    const again = await saveAnalyzedBatch(db.current.pool, items);
    expect(again).toMatchObject({ stored: 0, duplicates: 46 });
    expect(again.refused).toHaveLength(4);
    expect(await count(db.current.pool, `SELECT sum(items) AS n FROM feedback_daily WHERE source = 'iso'`)).toBe(46);
  });
});
