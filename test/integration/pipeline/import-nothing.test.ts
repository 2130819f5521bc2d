import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'painpoint-nothing-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The command as users run it (child processes, slow to start: the Postgres queue backend only).
describe('painpoint import says why nothing was imported, and exits non-zero', () => {
  const db = useTestDatabase('import_nothing');

  async function run(name: string, content: string, ...flags: string[]) {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, content);
    const config = path.join(tmp, 'cli.yaml');
    fs.writeFileSync(config, `nlp:\n  sentiment: lexicon\npipeline:\n  queuePrefix: ${uniquePrefix('nothing')}\n`);
    const env = { ...process.env, DATABASE_URL: db.current.url, REDIS_URL: '', LOG_LEVEL: 'silent', PAINPOINT_CONFIG: config };
    return promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/painpoint.js'), 'import', file, '--channel', 'review', ...flags], { env, cwd: tmp }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
    );
  }

  // A header without rows is refused the same way (hostile-import.test.ts, in process).
  it('an empty file and a header without a text column: one line naming the file and the fix, exit 2', async () => {
    const empty = await run('empty.csv', '');
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toBe(`painpoint: ${path.join(tmp, 'empty.csv')}: is empty: nothing to import\n`);
    const noText = await run('export.csv', '编号,评价内容,评分\n1,冰袋都化了,1\n', '--wait');
    expect(noText.code).toBe(2);
    expect(noText.stderr).toMatch(/export\.csv: no text column: the header has 编号, 评价内容, 评分, .*name yours with --map text=COLUMN\n$/);
    expect(noText.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);

  it('with --wait, an import whose every record was rejected reports them and exits 2 with the hint', async () => {
    const done = await run('posts.jsonl', '{"id":"a","body":"冰袋都化了"}\n{"id":"b","body":"好吃"}\n', '--wait');
    expect(done.code).toBe(2);
    expect(done.stdout).toBe('read 2, stored 0, duplicates 0, rejected 2 (missing_text 2)\n');
    expect(done.stderr).toMatch(/posts\.jsonl: nothing could be imported: all 2 records were rejected .*name yours with --map text=COLUMN\n$/);
  }, 120_000);
});
