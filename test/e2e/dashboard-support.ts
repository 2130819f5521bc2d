import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PipelineContext } from '../../src/pipeline/context.ts';
import { topicLabels } from '../../src/report/topic-labels.ts';
import { createDashboardServer } from '../../src/server/dashboard-server.ts';
import { chromiumPath } from '../../src/sources/crawl/index.ts';

/** Screenshots of every page the dashboard tests visit (gitignored): look at them. */
export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');

export async function startDashboard(ctx: PipelineContext, token: string): Promise<{ server: http.Server; base: string }> {
  const server = createDashboardServer({
    pool: ctx.pool,
    queues: ctx.queues,
    logger: ctx.logger,
    token,
    timeZone: ctx.config.pipeline.timeZone,
    queuePrefix: ctx.config.pipeline.queuePrefix,
    labels: topicLabels(ctx.config),
    scores: { scores: ctx.config.scores, targets: ctx.config.targets },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function launchChromium(ctx: PipelineContext): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(ctx.config), args: ['--no-sandbox', '--font-render-hinting=none'] });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** One exposition line of the Prometheus text format, or a reason it is not one. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)( -?\d+)?$/;
const COMMENT = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*)( .*)?$/;

/** Parses the Prometheus text format strictly: every line a sample, a HELP/TYPE comment or blank. */
export function parsePrometheus(text: string): { types: Map<string, string>; samples: { name: string; labels: string; value: number }[] } {
  const types = new Map<string, string>();
  const samples: { name: string; labels: string; value: number }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line === '') return;
    const c = COMMENT.exec(line);
    if (c) {
      if (c[1] === 'TYPE') {
        const type = c[3]?.trim() ?? '';
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(type)) throw new Error(`line ${i + 1}: unknown type "${type}"`);
        types.set(c[2]!, type);
      }
      return;
    }
    const s = SAMPLE.exec(line);
    if (!s) throw new Error(`line ${i + 1} is not Prometheus text: ${line}`);
    samples.push({ name: s[1]!, labels: s[2] ?? '', value: Number(s[3]) });
  });
  return { types, samples };
}
