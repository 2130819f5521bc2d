import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.ts';
import { isAlive, sleep } from './process-lifecycle.ts';

/**
 * What `painpoint services up` started, in `<dataDir>/services.json`, so later commands (and
 * `down`) find the servers by themselves. The Postgres password stays here across restarts (mode
 * 0600): the cluster was initialised with it.
 */
const serverSchema = z.object({ port: z.number().int(), pid: z.number().int() });

const stateSchema = z.object({
  postgres: z
    .object({ password: z.string().min(1), database: z.string().min(1), lastPort: z.number().int().optional(), running: serverSchema.optional() })
    .optional(),
  redis: z.object({ lastPort: z.number().int().optional(), running: serverSchema.optional() }).optional(),
});

export type ServicesState = z.output<typeof stateSchema>;
export type RunningServer = z.output<typeof serverSchema>;

export interface ServicesPaths {
  dataDir: string;
  stateFile: string;
  lockFile: string;
  pgData: string;
  pgLog: string;
  redisDir: string;
  redisLog: string;
}

export function servicesPaths(dataDir: string): ServicesPaths {
  const root = path.resolve(dataDir);
  return {
    dataDir: root,
    stateFile: path.join(root, 'services.json'),
    lockFile: path.join(root, 'services.lock'),
    pgData: path.join(root, 'pg'),
    pgLog: path.join(root, 'pg.log'),
    redisDir: path.join(root, 'redis'),
    redisLog: path.join(root, 'redis.log'),
  };
}

export function readState(paths: ServicesPaths): ServicesState {
  let text: string;
  try {
    text = fs.readFileSync(paths.stateFile, 'utf8');
  } catch {
    return {};
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`not valid JSON (${(err as Error).message}); remove it after stopping any server it names`, { file: paths.stateFile });
  }
  const parsed = stateSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(issue?.message ?? 'invalid', { file: paths.stateFile, key: issue?.path.join('.') });
  }
  return parsed.data;
}

export function writeState(paths: ServicesPaths, state: ServicesState): void {
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const tmp = `${paths.stateFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, paths.stateFile);
}

/**
 * Runs `work` while holding `<dataDir>/services.lock`, so two commands starting at once (two
 * workers, a worker and `services up`) start one server between them. A lock left by a dead
 * process is taken over.
 */
export async function withServicesLock<T>(paths: ServicesPaths, work: () => Promise<T>, timeoutMs = 120_000): Promise<T> {
  fs.mkdirSync(paths.dataDir, { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = fs.openSync(paths.lockFile, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(fs.readFileSync(paths.lockFile, 'utf8') || '0', 10);
      if (!isAlive(holder)) {
        fs.rmSync(paths.lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new ConfigError(`held by process ${holder} for too long`, { file: paths.lockFile });
      await sleep(100);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(paths.lockFile, { force: true });
  }
}
