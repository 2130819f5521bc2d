import { loadAnalyzer } from './src/analysis/index.ts';
import { loadConfig } from './src/config/index.ts';
import { createLogger } from './src/log/logger.ts';
const a = await loadAnalyzer(loadConfig(), { mode: 'lexicon', logger: createLogger({ level: 'silent' }) });
for (const t of ['味道好闻', '洗头发也顺滑', '顺滑好梳理', '好梳理', '味道好闻洗头发', '洗头发']) {
  const d = (await a.pipeline.runBatch([t], ['retail']))[0]!;
  console.log(t, d.clauses.map((c) => `${c.score.toFixed(2)} ${c.tokens.map((x) => x.word).join('/')}`).join(' | '));
}
