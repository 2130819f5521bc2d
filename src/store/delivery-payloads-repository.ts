import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

/** The delivery_payloads table: the one body each delivery id goes out with, per endpoint. */

const sql = sqlFolder('delivery-payloads');

/** Stores `body` as the body of this delivery id and endpoint unless one is stored; returns the stored one. */
export async function freezeBody(db: Queryable, deliveryId: string, endpoint: string, body: string): Promise<string> {
  const { rows } = await db.query<{ body: string }>(sql('freeze'), [deliveryId, endpoint, body]);
  return rows[0]!.body;
}
