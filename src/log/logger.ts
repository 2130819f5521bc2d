import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths whose values never reach a log line: webhook secrets, bearer tokens, passwords inside
 * connection strings. pino's redaction is path-based, so anything secret is logged under one of these
 * keys or not at all.
 */
export const REDACTED_PATHS = [
  'secret',
  '*.secret',
  '*.*.secret',
  'token',
  '*.token',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-painpoint-signature"]',
  '*.headers["x-painpoint-signature"]',
  'cookies',
  '*.cookies',
  'databaseUrl',
  'redisUrl',
  '*.databaseUrl',
  '*.redisUrl',
];

/** Masks the password of a URL such as postgres://user:pass@host/db before it is printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/**
 * pino JSON logs on stderr, so that commands whose stdout is data (`painpoint analyze`) stay
 * pipeable. LOG_LEVEL sets the level; `silent` turns logging off.
 */
export function createLogger(options: { level?: string; name?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'painpoint',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    (options.destination ?? pino.destination({ fd: 2, sync: false })) as pino.DestinationStream,
  );
}
