// Which code bin/painpoint.js runs. `npm run build` (which `prepare`, so every `npm ci`, runs)
// compiles src/ and jobs/ into dist/; the compiled tree starts in a fraction of the time (no
// TypeScript loader in the process or in each analyzer thread). It is used only while every source
// has its compiled file at least as new as itself, so an edited source is never run stale: the
// sources then run through tsx until the next build.
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_FOLDERS = ['src', 'jobs'];

/** The compiled CLI's path under `root`, or undefined when dist/ is missing or older than a source. */
export function freshCompiledMain(root) {
  for (const folder of SOURCE_FOLDERS) {
    for (const file of fs.readdirSync(path.join(root, folder), { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const compiled = fs.statSync(path.join(root, 'dist', folder, `${file.slice(0, -3)}.js`), { throwIfNoEntry: false });
      if (!compiled || compiled.mtimeMs < fs.statSync(path.join(root, folder, file)).mtimeMs) return undefined;
    }
  }
  return path.join(root, 'dist', 'src', 'cli', 'main.js');
}
