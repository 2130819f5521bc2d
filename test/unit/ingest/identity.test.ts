import { describe, expect, it } from 'vitest';
import { derivedIds } from '../../../src/ingest/identity.ts';
import type { ValidRecord } from '../../../src/ingest/record-schema.ts';

const plain = { channel: 'review', source: 'jd', text: '好评', author: '张**', postedAt: '2026-03-01T10:00:00+08:00', rating: 5 } as ValidRecord;

describe('derivedIds', () => {
  // Pinned: stored rows carry these ids, so a change here would store every re-import a second time.
  it('a record with nothing unmapped has its one id and no former one', () => {
    expect(derivedIds(plain)).toEqual({ id: 'h-d1ae1b3a1fd75ec5d42ab79736777f99', formerId: undefined });
  });

  it('unmapped columns (volatile ones aside) and fields mapped since change the id; the former id is the plain record\'s', () => {
    const withMeta = { ...plain, meta: { sku: 'A-1', shop: { b: 2, a: 1 }, likes: 3 } } as ValidRecord;
    expect(derivedIds(withMeta)).toEqual({ id: 'h-712a30d32af1f859b6e60746827b0f1d', formerId: 'h-d1ae1b3a1fd75ec5d42ab79736777f99' });
    expect(derivedIds({ ...plain, product: '毛肚' } as ValidRecord)).toEqual({ id: 'h-86bb62086a546e5e5f6f040bb1e119eb', formerId: 'h-d1ae1b3a1fd75ec5d42ab79736777f99' });
    // column order and the volatile keys do not count
    expect(derivedIds({ ...plain, meta: { shop: { a: 1, b: 2 }, sku: 'A-1', likes: 9, pageUrl: 'https://x' } } as ValidRecord).id).toBe('h-712a30d32af1f859b6e60746827b0f1d');
    expect(derivedIds({ ...plain, meta: { likes: 3 } } as ValidRecord)).toEqual(derivedIds(plain));
  });
});
