import type { Config } from '../config/index.ts';
import { PainpointError } from '../errors/index.ts';
import { servicesStatus, servicesUp } from './local-services.ts';

export interface ResolvedServices {
  databaseUrl: string;
  /** Set when the queues run on Redis. */
  redisUrl?: string | undefined;
  /** The embedded Postgres was started by this call. */
  started: boolean;
}

/**
 * Where every command finds its database and queues: the environment wins (DATABASE_URL,
 * REDIS_URL); otherwise the servers `painpoint services up` left running; otherwise, with `start`,
 * an embedded Postgres started now (said on stderr). A running local redis-server is used only
 * when `services up --redis` started it.
 */
export async function resolveServices(
  config: Readonly<Config>,
  options: { start: boolean; say?: (line: string) => void },
): Promise<ResolvedServices> {
  const say = options.say ?? ((line: string) => process.stderr.write(`painpoint: ${line}\n`));
  let status = await servicesStatus(config);
  let started = false;
  if (!status.postgres.url) {
    if (!options.start) {
      throw new PainpointError('SERVICES_NOT_RUNNING', 'DATABASE_URL is not set and no embedded Postgres is running: run `painpoint services up` (or set DATABASE_URL)');
    }
    say('DATABASE_URL is not set: starting the embedded Postgres (stop it with `painpoint services down`)');
    status = await servicesUp(config, { say });
    started = status.postgres.started === true;
  }
  if (!status.postgres.url) throw new PainpointError('SERVICES_NOT_RUNNING', 'the embedded Postgres did not start');
  return { databaseUrl: status.postgres.url, redisUrl: status.redis.url, started };
}
