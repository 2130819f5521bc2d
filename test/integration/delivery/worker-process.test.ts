import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/services/process-lifecycle.ts';
import { findRedisServer, redisUrl as redisUrlOf, startRedisServer } from '../../../src/services/redis-server.ts';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../bin/painpoint.js');

interface Running {
  child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code and when it came. */
  exited: Promise<{ code: number | null; at: number }>;
  /** When stderr first matched. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<number>;
}

function painpoint(args: string[], env: Record<string, string>): Running {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(PAINPOINT_|DATABASE_URL|REDIS_URL)/.test(k)));
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...clean, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.on('exit', (code) => resolve({ code, at: Date.now() })));
  return {
    child,
    stderr: () => err,
    exited,
    async waitForStderr(pattern, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (!pattern.test(err)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`stderr never matched ${pattern}:\n${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return Date.now();
    },
  };
}

describe('painpoint worker as a process', () => {
  const db = useTestDatabase('worker_process');
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
  });

  it('with PAINPOINT_WEBHOOK_URL but no secret: one line, then a non-zero exit within a second', async () => {
    const run = painpoint(['worker'], { DATABASE_URL: db.current.url, PAINPOINT_WEBHOOK_URL: 'https://hooks.example.com/painpoint' });
    cleanup.push(() => run.child.kill('SIGKILL'));
    const said = await run.waitForStderr(/PAINPOINT_WEBHOOK_SECRET/);
    const { code, at } = await Promise.race([run.exited, new Promise<{ code: number | null; at: number }>((r) => setTimeout(() => r({ code: null, at: Infinity }), 10_000))]);
    expect(code).toBe(2);
    expect(at - said).toBeLessThan(1000);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
  });

  it('stops on SIGTERM within its shutdown deadline even when Redis has gone', async () => {
    const binary = await findRedisServer();
    expect(binary, 'redis-server is installed (test support needs it too)').toBeTruthy();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-worker-redis-'));
    const port = await freePort();
    const redisPid = await startRedisServer({ binary: binary!, port, dir, logFile: path.join(dir, 'redis.log'), persistent: false });
    cleanup.push(() => {
      try {
        process.kill(redisPid, 'SIGKILL');
      } catch {
        // gone already
      }
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const configFile = path.join(dir, 'config.yaml');
    fs.writeFileSync(configFile, `pipeline:\n  queuePrefix: ${uniquePrefix('shutdown')}\n  shutdownTimeoutSeconds: 2\n`);
    const run = painpoint(['worker', '--stages', 'ingest,store,deliver'], { DATABASE_URL: db.current.url, REDIS_URL: redisUrlOf(port), PAINPOINT_CONFIG: configFile });
    cleanup.push(() => run.child.kill('SIGKILL'));
    await run.waitForStderr(/worker running/);

    process.kill(redisPid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    const signalled = Date.now();
    run.child.kill('SIGTERM');
    const { code, at } = await Promise.race([run.exited, new Promise<{ code: number | null; at: number }>((r) => setTimeout(() => r({ code: null, at: Infinity }), 15_000))]);
    // The 2 s deadline, then at most 1.5 s to hand jobs back and 1 s for the entry to exit.
    expect(at - signalled, run.stderr()).toBeLessThan(2000 + 3500);
    expect(code).not.toBeNull();
  });
});
