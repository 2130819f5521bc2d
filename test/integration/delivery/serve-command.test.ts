import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../support/services.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TOKEN = 'serve-command-token-abcdef';

describe('painpoint serve', () => {
  const db = useTestDatabase('delivery_serve');

  it('serves the case API with a bearer token on the port it was given, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/painpoint.js'), 'serve', '--port', '0'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.current.url, PAINPOINT_API_TOKEN: TOKEN, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr!.on('data', (c) => {
          err += String(c);
          const m = /case API on (http:\/\/[^\s]+)/.exec(err);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/alerts`)).status).toBe(401);
      const listed = await fetch(`${base}/alerts?status=pending`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(listed.status).toBe(200);
      expect(await listed.json()).toEqual({ alerts: [] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

});
