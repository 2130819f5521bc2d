import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logFormat, redactUrl } from '../../../src/log/logger.ts';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

const SECRET = 's3cr3t-hmac-key';
const entry = { endpoint: { name: 'cx', secret: SECRET, headers: { authorization: `Bearer ${SECRET}` } }, password: SECRET, alerts: 3 };

describe('logFormat', () => {
  it('is pretty on a terminal and JSON elsewhere, unless LOG_FORMAT says which', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'Pretty' }, false)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'xml' }, true)).toBe('pretty');
  });
});

describe('createLogger', () => {
  it('writes JSON lines with the secrets redacted', () => {
    const out = capture();
    createLogger({ destination: out.stream, name: 'delivery' }).info(entry, 'delivered');
    const line = JSON.parse(out.text()) as Record<string, any>;
    expect(line).toMatchObject({ name: 'delivery', msg: 'delivered', alerts: 3, password: '[redacted]' });
    expect(line.endpoint).toEqual({ name: 'cx', secret: '[redacted]', headers: { authorization: '[redacted]' } });
    expect(out.text()).not.toContain(SECRET);
  });

  it('writes one readable line per entry when pretty, redacted the same way', () => {
    const out = capture();
    const logger = createLogger({ destination: out.stream, name: 'worker', format: 'pretty' });
    logger.info(entry, 'delivered');
    logger.warn('slow store');
    const lines = out.text().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO \(worker\): delivered /);
    expect(lines[0]).toContain('"secret":"[redacted]"');
    expect(lines[1]).toMatch(/WARN \(worker\): slow store$/);
    expect(() => JSON.parse(lines[0]!)).toThrow();
    expect(out.text()).not.toContain(SECRET);
  });

  it('masks the password of a connection string', () => {
    expect(redactUrl('postgres://app:hunter2@db:5432/painpoint')).toBe('postgres://app:***@db:5432/painpoint');
  });
});
