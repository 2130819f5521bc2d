import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/u, '.mjs')).href;
const LA = new URL('../src/analysis/load-analyzer.ts', import.meta.url).href;
const CFG = new URL('../src/config/index.ts', import.meta.url).href;
const code = `
const t0 = performance.now(); const lap = (w) => console.log(w, (performance.now() - t0).toFixed(0));
const tsx = await import(${JSON.stringify(TSX_API)}); lap('tsx imported'); tsx.register(); lap('registered');
const { loadConfig } = await import(${JSON.stringify(CFG)}); lap('config imported');
const { loadAnalyzer } = await import(${JSON.stringify(LA)}); lap('load-analyzer imported');
const a = await loadAnalyzer(loadConfig(), {}); lap('analyzer loaded');
`;
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  const w = new Worker(code, { eval: true, type: 'module' } as never);
  await new Promise((r) => w.on('exit', r));
  console.log('thread total', (performance.now() - t).toFixed(0));
}
