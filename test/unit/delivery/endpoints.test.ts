import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.ts';
import { endpointAccepts, escalationEndpoints, resolveDeliveryTargets } from '../../../src/delivery/endpoints.ts';
import { ConfigError } from '../../../src/errors/index.ts';

function config(delivery: Record<string, unknown>, env: Record<string, string> = {}) {
  return loadConfig({ env, overrides: { delivery } });
}

describe('delivery endpoints', () => {
  it('adds the default endpoint from PAINPOINT_WEBHOOK_URL and its secret, allowing its host', () => {
    const c = config({}, { PAINPOINT_WEBHOOK_URL: 'https://cx.example.com/hook', PAINPOINT_WEBHOOK_SECRET: 'abc' });
    const { endpoints } = resolveDeliveryTargets(c, {});
    expect(endpoints.map((e) => [e.name, e.format, e.secret])).toEqual([['default', 'painpoint', 'abc']]);
  });

  it('refuses an unsigned default endpoint and a private default target that is not listed', () => {
    expect(() => resolveDeliveryTargets(config({}, { PAINPOINT_WEBHOOK_URL: 'https://cx.example.com/hook' }), {})).toThrow(/PAINPOINT_WEBHOOK_SECRET/);
    const local = config({}, { PAINPOINT_WEBHOOK_URL: 'http://127.0.0.1:9000/hook', PAINPOINT_WEBHOOK_SECRET: 'x' });
    expect(() => resolveDeliveryTargets(local, {})).toThrow(/127\.0\.0\.1/);
    const allowed = config({}, { PAINPOINT_WEBHOOK_URL: 'http://127.0.0.1:9000/hook', PAINPOINT_WEBHOOK_SECRET: 'x', PAINPOINT_WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
    expect(resolveDeliveryTargets(allowed, {}).endpoints).toHaveLength(1);
  });

  it('reads endpoint secrets from the named variables and names the key of a problem', () => {
    const c = config({
      allowHosts: ['oapi.dingtalk.com', 'hooks.example.com'],
      endpoints: [
        { name: 'ding', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', format: 'dingtalk', secretEnv: 'DING_SECRET', rules: ['food_safety'] },
        { name: 'ticketing', url: 'https://hooks.example.com/pp', secretEnv: 'TICKET_SECRET', minSeverity: 'high' },
      ],
    });
    const { endpoints } = resolveDeliveryTargets(c, { DING_SECRET: 'd', TICKET_SECRET: 't' });
    expect(endpoints.map((e) => e.secret)).toEqual(['d', 't']);
    expect(() => resolveDeliveryTargets(c, { DING_SECRET: 'd' })).toThrow(/delivery\.endpoints\.1\.secretEnv: environment variable TICKET_SECRET/);
    const bad = config({ endpoints: [{ name: 'x', url: 'https://evil.example.net/', secretEnv: 'S' }] });
    try {
      resolveDeliveryTargets(bad, { S: 's' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).key).toBe('delivery.endpoints.0.url');
      expect((err as Error).message).toMatch(/evil\.example\.net.*allowlist/);
    }
  });

  it('filters by rule, minimum severity, channel and source; escalations go where configured', () => {
    const c = config({
      allowHosts: ['hooks.example.com'],
      endpoints: [
        { name: 'safety', url: 'https://hooks.example.com/a', secretEnv: 'S', rules: ['food_safety', 'spoilage'], channels: ['review'] },
        { name: 'high', url: 'https://hooks.example.com/b', secretEnv: 'S', minSeverity: 'high', sources: ['jd'] },
        { name: 'oncall', url: 'https://hooks.example.com/c', secretEnv: 'S', receives: ['escalations'] },
      ],
    });
    const t = resolveDeliveryTargets(c, { S: 's' });
    const [safety, high, oncall] = t.endpoints as [never, never, never];
    const spoil = { rule: 'spoilage', severity: 'high' as const, channel: 'review', source: 'jd' };
    expect(endpointAccepts(safety, spoil)).toBe(true);
    expect(endpointAccepts(safety, { ...spoil, channel: 'chat' })).toBe(false);
    expect(endpointAccepts(high, spoil)).toBe(true);
    expect(endpointAccepts(high, { ...spoil, severity: 'medium' })).toBe(false);
    expect(endpointAccepts(high, { ...spoil, source: 'meituan' })).toBe(false);
    expect(endpointAccepts(oncall, spoil)).toBe(false);
    expect(escalationEndpoints(t.endpoints, spoil).map((e) => e.name)).toEqual(['oncall']);
  });
});
