import { describe, expect, it } from 'vitest';
import { batchJobId, ingestContent } from '../../../src/pipeline/job-options.ts';
import type { IngestEntry } from '../../../src/pipeline/payloads.ts';

const entry = (record: Partial<IngestEntry['record']>, line?: number): IngestEntry => ({ record: { channel: 'review', source: 's', ...record }, origin: line === undefined ? undefined : { line } });
const id = (entries: IngestEntry[], rejected?: { line: number; reason: string; message: string }[]) => batchJobId('import-1:x', 3, ingestContent({ entries, rejected }));

describe('batch job ids', () => {
  const batch = [entry({ externalId: 'a', text: '好吃' }, 2), entry({ externalId: 'b', text: '太慢' }, 3)];

  it('are the same for the same batch, and name its run and number without a colon', () => {
    expect(id(batch)).toBe(id(structuredClone(batch)));
    expect(id(batch)).toMatch(/^import-1_x-3-[0-9a-f]{12}$/u);
  });

  it('differ where a record, its line or a rejected row differs', () => {
    const ids = new Set([
      id(batch),
      id([batch[0]!, entry({ externalId: 'b', text: '太慢了' }, 3)]),
      id([batch[0]!, entry({ externalId: 'b', text: '太慢' }, 4)]),
      id([entry({ externalId: 'ab', text: '好吃' }, 2), entry({ externalId: '', text: '太慢' }, 3)]),
      id(batch, [{ line: 9, reason: 'malformed_row', message: 'x' }]),
    ]);
    expect(ids.size).toBe(5);
  });

  it('tell apart records without an id by every field, as their derived ids do', () => {
    const one = id([entry({ text: '好评', author: '王' }, 2)]);
    expect(id([entry({ text: '好评', author: '李' }, 2)])).not.toBe(one);
  });
});
