/**
 * `npm run bench [-- NAME ...]`: runs the benchmark suites in bench/suites (all, or those named),
 * each printing its own figures, and writes them to bench/results/latest.json.
 * Figures are medians over repeated runs: the machine is shared and noisy, so ratios against a
 * baseline measured in the same run (raw tokenization) mean more than absolute numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchSuite {
  name: string;
  description: string;
  run(): Promise<Record<string, unknown>>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = fs
  .readdirSync(path.join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .sort();

const results: Record<string, unknown> = {};
for (const file of files) {
  const suite = (await import(pathToFileURL(path.join(here, 'suites', file)).href)).default as BenchSuite;
  if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
  process.stdout.write(`\n== ${suite.name}: ${suite.description}\n`);
  results[suite.name] = await suite.run();
}
fs.mkdirSync(path.join(here, 'results'), { recursive: true });
fs.writeFileSync(path.join(here, 'results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2) + '\n');
