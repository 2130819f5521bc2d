import fs from 'node:fs';
import { createRequire } from 'node:module';
import tty from 'node:tty';
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

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * `LOG_FORMAT` (json or pretty) where set; otherwise pretty lines on a terminal and JSON anywhere
 * else (a file, a pipe, a log collector). fd 2 is asked, not process.stderr, because the analyzer
 * threads log too and a worker thread's process.stderr is never a TTY.
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env, terminal: boolean = tty.isatty(2)): LogFormat {
  const asked = env.LOG_FORMAT?.trim().toLowerCase();
  if (asked && (LOG_FORMATS as readonly string[]).includes(asked)) return asked as LogFormat;
  return terminal ? 'pretty' : 'json';
}

/** Clears the line a progress bar may be redrawing (progress.ts), so that a log line never lands after it. */
const CLEAR_LINE = '\r\x1b[K';

/**
 * One readable line per entry (time, level, name, message, fields), written synchronously so that
 * it keeps its place between progress lines; pino-pretty is loaded only here.
 */
function prettyDestination(destination: NodeJS.WritableStream | undefined, colorize: boolean): pino.DestinationStream {
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  const pretty = prettyFactory({ colorize, singleLine: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
  return {
    write(line: string) {
      const text = pretty(line);
      if (destination) destination.write(text);
      else fs.writeSync(2, `${CLEAR_LINE}${text}`);
    },
  };
}

/**
 * pino logs on stderr, so that commands whose stdout is data (`painpoint analyze`) stay pipeable:
 * JSON lines, or pretty ones for a person at a terminal (`logFormat`). LOG_LEVEL sets the level;
 * `silent` turns logging off. Secrets are redacted before either format sees them.
 */
export function createLogger(
  options: { level?: string; name?: string; destination?: NodeJS.WritableStream; format?: LogFormat } = {},
): Logger {
  // A destination given by the caller (tests, files) gets JSON unless pretty is asked for.
  const format = options.format ?? (options.destination ? 'json' : logFormat());
  const destination =
    format === 'pretty'
      ? prettyDestination(options.destination, !options.destination && tty.isatty(2))
      : ((options.destination ?? pino.destination({ fd: 2, sync: false })) as pino.DestinationStream);
  return pino(
    {
      name: options.name ?? 'painpoint',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
    },
    destination,
  );
}
