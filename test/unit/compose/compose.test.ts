import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../../src/config/index.ts';
import { readEnvironment } from '../../../src/config/index.ts';

/** docker-compose.yml cannot run here (no Docker engine): read it and check what it promises. */
const compose = parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Record<string, unknown>>;
  volumes: Record<string, unknown>;
};
const dockerfile = fs.readFileSync(path.join(PACKAGE_ROOT, 'Dockerfile'), 'utf8');

describe('docker-compose.yml', () => {
  it('has redis, postgres and worker services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'redis', 'worker']);
  });

  it('keeps the worker scalable: no container name, no published ports', () => {
    const worker = compose.services.worker!;
    expect(worker).not.toHaveProperty('container_name');
    expect(worker).not.toHaveProperty('ports');
    expect(worker.build).toBe('.');
  });

  it('configures the worker with the fixed environment variables, pointing at the compose services', () => {
    const env = compose.services.worker!.environment as Record<string, string>;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'PAINPOINT_CONFIG', 'PAINPOINT_SOURCES', 'PAINPOINT_WEBHOOK_URL', 'PAINPOINT_WEBHOOK_SECRET', 'PAINPOINT_WEBHOOK_ALLOW_HOSTS', 'LOG_LEVEL']) {
      expect(env, name).toHaveProperty(name);
    }
    const db = new URL(env.DATABASE_URL!.replace('${POSTGRES_PASSWORD:-painpoint}', 'painpoint'));
    const pg = compose.services.postgres!.environment as Record<string, string>;
    expect(db.hostname).toBe('postgres');
    expect(db.username).toBe(pg.POSTGRES_USER);
    expect(db.pathname).toBe(`/${pg.POSTGRES_DB}`);
    expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
    // An empty variable counts as unset, so `${X:-}` passes nothing the user did not set.
    const parsed = readEnvironment({ DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://r', PAINPOINT_WEBHOOK_URL: '' });
    expect(parsed.webhookUrl).toBeUndefined();
  });

  it('starts the worker only once Redis and Postgres are healthy, with durable storage for both', () => {
    expect(compose.services.worker!.depends_on).toEqual({ redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
    expect(compose.services.redis!.healthcheck).toBeDefined();
    expect(compose.services.postgres!.healthcheck).toBeDefined();
    expect(compose.services.redis!.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    expect(Object.keys(compose.volumes).sort()).toEqual(['pg-data', 'redis-data']);
  });

  it('runs `npx painpoint worker`, a command the CLI has', async () => {
    const command = compose.services.worker!.command as string[];
    expect(command.slice(0, 2)).toEqual(['npx', 'painpoint']);
    const { commands } = await import('../../../src/cli/commands/index.ts');
    const entry = commands.find((c) => c.name === command[2]);
    expect(entry, command[2]).toBeDefined();
    const program = new Command('painpoint');
    (await entry!.load())(program, { setExitCode: () => undefined, config: () => { throw new Error('not run'); } });
    expect(program.commands.map((c) => c.name())).toEqual([command[2]]);
  });
});

describe('Dockerfile', () => {
  it('copies only folders that exist, compiles them in its build stage and runs the worker by default', () => {
    // Every COPY source from the build context but the last word (the destination); --from copies come from the build stage.
    const fromContext = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
    expect([...new Set(fromContext)].sort()).toEqual(['bin', 'config', 'jobs', 'models', 'package-lock.json', 'package.json', 'src', 'tsconfig.build.json', 'tsconfig.json']);
    for (const p of fromContext) expect(fs.existsSync(path.join(PACKAGE_ROOT, p)), p).toBe(true);
    // The image runs the compiled tree: built by npm ci's prepare in the first stage, copied into the last.
    expect(dockerfile).toMatch(/^FROM \S+ AS build$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b.*&& npm prune --omit=dev/m);
    expect([...dockerfile.matchAll(/^COPY --from=build (\S+)/gm)].map((m) => m[1])).toEqual(['/app/node_modules', '/app/dist']);
    expect(dockerfile).toMatch(/^CMD \["npx", "painpoint", "worker"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});
