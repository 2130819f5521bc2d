import { CommanderError, InvalidArgumentError } from 'commander';
import { PainpointError } from '../errors/index.ts';

/**
 * The one mapping from what went wrong to what a user sees and the exit code scripts read. Every
 * error ends as one line on stderr, naming what is wrong and what to do; stack traces only with
 * LOG_LEVEL=debug or trace.
 *
 *   0  done                                 1  an unexpected failure (a bug: please report it)
 *   2  bad input, config or environment:    3  the database is not reachable (`services status`)
 *      fix what the line names and rerun
 */
export const EXIT = { ok: 0, unexpected: 1, usage: 2, unavailable: 3 } as const;

export interface UserFacingError {
  /** One line, without the `painpoint: ` prefix; empty when commander has printed it already. */
  line: string;
  code: number;
}

/** What to do, per stable error code, where the message does not say it itself. */
const REMEDY: Record<string, string> = {
  POSTGRES_UNREACHABLE: 'check DATABASE_URL, or unset it to use the embedded Postgres (`painpoint services up`)',
  REDIS_UNREACHABLE: 'check REDIS_URL, or unset it to run the queues on Postgres',
  ROOT_CAUSE_NOT_FOUND: 'check --root-cause: `painpoint rootcause list` shows the recorded ones',
};

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
// Postgres SQLSTATEs that mean "cannot use this database", not "this query is wrong".
const DATABASE_ACCESS_CODES = new Set(['28P01', '28000', '3D000', '57P03', '53300']);

function errnoOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string') return e.code;
  // Node reports a failed connection to every address of a name as an AggregateError.
  if (Array.isArray(e?.errors)) return e.errors.map(errnoOf).find(Boolean);
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

export function describeError(err: unknown): UserFacingError {
  if (err instanceof InvalidArgumentError) {
    // Thrown by a command's action (commander prints the ones it raises while parsing).
    return { line: firstLine(err.message.replace(/^error: /, '')), code: EXIT.usage };
  }
  if (err instanceof CommanderError) return { line: '', code: err.exitCode === 0 ? EXIT.ok : EXIT.usage };
  if (err instanceof PainpointError) {
    const remedy = REMEDY[err.code];
    return { line: remedy && !err.message.includes(remedy) ? `${firstLine(err.message)}: ${remedy}` : err.message.split('\n').join(' — '), code: EXIT.usage };
  }
  const errno = errnoOf(err);
  const message = err instanceof Error ? firstLine(err.message || (err as { errors?: Error[] }).errors?.[0]?.message || err.name) : String(err);
  if (errno && CONNECTION_CODES.has(errno)) {
    return { line: `cannot reach the database or queue server (${message}): ${REMEDY.POSTGRES_UNREACHABLE}; for the queues, check REDIS_URL`, code: EXIT.usage };
  }
  if (errno && DATABASE_ACCESS_CODES.has(errno)) {
    return { line: `the database refused the connection (${message}): ${REMEDY.POSTGRES_UNREACHABLE}`, code: EXIT.usage };
  }
  return { line: `unexpected error: ${message} (LOG_LEVEL=debug shows where; please report it)`, code: EXIT.unexpected };
}

/** Prints the error the way `describeError` says and returns the exit code. */
export function reportError(err: unknown, write: (text: string) => void = (t) => process.stderr.write(t), env: NodeJS.ProcessEnv = process.env): number {
  const { line, code } = describeError(err);
  if (line) write(`painpoint: ${line}\n`);
  const level = env.LOG_LEVEL?.toLowerCase();
  if ((level === 'debug' || level === 'trace') && err instanceof Error && err.stack && !(err instanceof CommanderError)) write(`${err.stack}\n`);
  return code;
}
