import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { resolveFromRoot } from '../config/paths.ts';

const ASSETS = resolveFromRoot('src/dashboard/assets');
const require = createRequire(import.meta.url);

/** The only files the dashboard serves: its own script and style sheet, and ECharts from node_modules (no CDN). */
const FILES: Record<string, { file: () => string; type: string }> = {
  '/assets/dashboard.css': { file: () => path.join(ASSETS, 'dashboard.css'), type: 'text/css; charset=utf-8' },
  '/assets/dashboard.js': { file: () => path.join(ASSETS, 'dashboard.js'), type: 'text/javascript; charset=utf-8' },
  '/assets/echarts.min.js': { file: () => require.resolve('echarts/dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

export function staticAsset(pathname: string): { body: Buffer; type: string } | undefined {
  const entry = FILES[pathname];
  if (!entry) return undefined;
  let body = cache.get(pathname);
  if (!body) {
    body = fs.readFileSync(entry.file());
    cache.set(pathname, body);
  }
  return { body, type: entry.type };
}

/** The dashboard's style sheet, for pages that carry it inside themselves (report --html). */
export function dashboardCss(): string {
  return staticAsset('/assets/dashboard.css')!.body.toString('utf8');
}
