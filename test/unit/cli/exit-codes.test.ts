import net from 'node:net';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvalidArgumentError } from 'commander';
import { main } from '../../../src/cli/main.ts';
import { describeError, EXIT } from '../../../src/cli/exit-codes.ts';
import { ConfigError, TransientError } from '../../../src/errors/index.ts';

/** A port nothing listens on: taken from the OS, then released. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function run(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; out: string; err: string }> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await main(['node', 'painpoint', ...args]), out, err };
  } finally {
    vi.restoreAllMocks();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** One line, prefixed, no stack frame. */
function expectOneLine(err: string): void {
  const lines = err.trimEnd().split('\n');
  expect(lines, err).toHaveLength(1);
  expect(lines[0]).toMatch(/^painpoint: /);
  expect(err).not.toMatch(/\n\s+at /);
}

describe('errors reach users as one line and an exit code', () => {
  let unreachable: string;
  beforeAll(async () => {
    unreachable = `postgres://painpoint:secret-pw@127.0.0.1:${await deadPort()}/painpoint`;
  });
  afterEach(() => vi.restoreAllMocks());

  it('report --since 2026-02-30: no such day, exit 2, before any database is touched', async () => {
    const r = await run(['report', '--since', '2026-02-30'], { DATABASE_URL: unreachable, LOG_LEVEL: 'silent' });
    expect(r.code).toBe(EXIT.usage);
    expectOneLine(r.err);
    expect(r.err).toMatch(/--since 2026-02-30: there is no such day/);
  });

  for (const args of [['report'], ['migrate'], ['migrate', '--list']]) {
    it(`${args.join(' ')} with an unreachable database: what and what to do, exit 2, the password not shown`, async () => {
      const r = await run(args, { DATABASE_URL: unreachable, REDIS_URL: undefined, LOG_LEVEL: 'silent' });
      expect(r.code).toBe(EXIT.usage);
      expectOneLine(r.err);
      // Commands that open the store name the server (its URL without the password); migrate reports the driver's error.
      expect(r.err).toMatch(/cannot reach (the database|Postgres at postgres:\/\/painpoint:\*\*\*@).*ECONNREFUSED.*check DATABASE_URL/);
      expect(r.err).not.toContain('secret-pw');
    });
  }

  it('services status exits 3 when the database is unreachable, as its help says', async () => {
    const r = await run(['services', 'status'], { DATABASE_URL: unreachable, REDIS_URL: undefined, LOG_LEVEL: 'silent' });
    expect(r.code).toBe(EXIT.unavailable);
    expect(r.out).toMatch(/postgres: .*not reachable/);
    expect(r.out + r.err).not.toContain('secret-pw');
    expect(r.err).toMatch(/not reachable .*ECONNREFUSED/);
  });

  it('usage errors exit 2 with commander\'s line; an argument refused inside a command is one line too', async () => {
    const unknown = await run(['alerts', 'list', '--no-such-flag'], {});
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.err).toMatch(/unknown option '--no-such-flag'/);
    const missing = await run(['alerts', 'retry'], { DATABASE_URL: unreachable });
    expect(missing.code).toBe(EXIT.usage);
    expectOneLine(missing.err);
    expect(missing.err).toMatch(/name alert ids or pass --failed, --stale or --unrouted/);
  });

  it('maps each kind of error once', () => {
    expect(describeError(new ConfigError('bad key', { file: 'a.yaml', key: 'x' }))).toEqual({ line: 'a.yaml: x: bad key', code: 2 });
    expect(describeError(new TransientError('REDIS_UNREACHABLE', 'cannot reach Redis at redis://h:1'))).toMatchObject({ line: /cannot reach Redis.*check REDIS_URL/, code: 2 });
    expect(describeError(new InvalidArgumentError('expected a number'))).toEqual({ line: 'expected a number', code: 2 });
    expect(describeError(Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''), {}))).toMatchObject({ code: 2, line: /ECONNREFUSED ::1:5432/ });
    expect(describeError(Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' }))).toMatchObject({ code: 2, line: /refused the connection/ });
    expect(describeError(new TypeError('x is undefined'))).toMatchObject({ code: 1, line: /^unexpected error: x is undefined/ });
  });
});
