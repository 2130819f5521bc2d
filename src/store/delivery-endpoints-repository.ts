import type { Severity } from '../nlp/types.ts';
import type { Queryable } from './pool.ts';
import { sqlFolder } from './sql-files.ts';

/**
 * The delivery_endpoints table: the routes of each deployment (queue prefix), as the delivery
 * workers registered them. No URL or secret: those never leave the delivering process.
 */

const sql = sqlFolder('delivery-endpoints');

export interface EndpointRow {
  name: string;
  format: string;
  rules: string[] | undefined;
  minSeverity: Severity;
  channels: string[] | undefined;
  sources: string[] | undefined;
  receives: string[];
  urlSha256: string;
}

const list = (v: readonly string[] | undefined) => (v ? v.join(',') : '');

export async function registerEndpoints(db: Queryable, deployment: string, rows: readonly EndpointRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(sql('register'), [
    deployment,
    rows.map((r) => r.name),
    rows.map((r) => r.format),
    rows.map((r) => list(r.rules)),
    rows.map((r) => r.minSeverity),
    rows.map((r) => list(r.channels)),
    rows.map((r) => list(r.sources)),
    rows.map((r) => list(r.receives)),
    rows.map((r) => r.urlSha256),
  ]);
}

export async function activeEndpoints(db: Queryable, deployment: string): Promise<EndpointRow[]> {
  const { rows } = await db.query(sql('active'), [deployment]);
  return rows.map((r) => ({
    name: r.name,
    format: r.format,
    rules: r.rules ?? undefined,
    minSeverity: r.min_severity,
    channels: r.channels ?? undefined,
    sources: r.sources ?? undefined,
    receives: r.receives,
    urlSha256: r.url_sha256,
  }));
}

/** Endpoints taken out of routing; returns the names that were active. */
export async function retireEndpoints(db: Queryable, deployment: string, names: readonly string[]): Promise<string[]> {
  return (await db.query(sql('retire'), [deployment, names])).rows.map((r) => r.name as string);
}

/** When the deployment's routes last changed (null: none registered yet). */
export async function routesChangedAt(db: Queryable, deployment: string): Promise<Date | null> {
  return (await db.query(sql('last-change'), [deployment])).rows[0]?.at ?? null;
}
