import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMetricsEndpoint } from '../../../src/metrics/endpoint.ts';
import { observeIngest, observeStage, processRegistry, timeDelivery } from '../../../src/metrics/registry.ts';

describe("a worker's /metrics", () => {
  it('is off without PAINPOINT_METRICS_PORT, and refuses a port that is not one', async () => {
    expect(await startMetricsEndpoint({})).toBeUndefined();
    await expect(startMetricsEndpoint({ PAINPOINT_METRICS_PORT: 'nine' })).rejects.toThrow(/PAINPOINT_METRICS_PORT: expected a port number, got "nine"/);
  });

  it("serves the process's stage times, items and delivery failures in the Prometheus text format", async () => {
    observeIngest([{ record: { channel: 'review', source: 'jd-flagship' } }, { record: { channel: 'review', source: 'jd-flagship' } }], 1, { items: 1, ms: 12 });
    observeStage('store', { items: 1, ms: 30 });
    await expect(timeDelivery({ endpoint: 'cx-ticketing', kind: 'alert' }, () => Promise.reject(new Error('502')))).rejects.toThrow('502');
    const server = (await startMetricsEndpoint({ PAINPOINT_METRICS_PORT: '0' }))!;
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const res = await fetch(`${base}/metrics`);
      expect(res.headers.get('content-type')).toBe(processRegistry.contentType);
      const text = await res.text();
      expect(text).toContain('painpoint_items_read_total{channel="review",source="jd-flagship"} 2');
      expect(text).toContain('painpoint_items_rejected_total{source="jd-flagship"} 1');
      expect(text).toContain('painpoint_items_stored_total 1');
      expect(text).toMatch(/painpoint_stage_duration_seconds_bucket\{le="0\.05",stage="ingest"\} 1/);
      expect(text).toContain('painpoint_alert_delivery_failures_total{endpoint="cx-ticketing",kind="alert"} 1');
      expect(text).toContain('# TYPE painpoint_monitor_runs_total counter');
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
