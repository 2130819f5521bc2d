import pg from 'pg';

/** Whether a database answers at `url` within `timeoutMs`: `services status` exits 3 when not. */
export async function probeDatabase(url: string, timeoutMs = 3000): Promise<{ reachable: true } | { reachable: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, application_name: 'painpoint-status' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { reachable: true };
  } catch (err) {
    const e = err as { code?: string; message?: string; errors?: { message?: string }[] };
    return { reachable: false, reason: e.message || e.errors?.[0]?.message || e.code || 'no answer' };
  } finally {
    await client.end().catch(() => undefined);
  }
}
