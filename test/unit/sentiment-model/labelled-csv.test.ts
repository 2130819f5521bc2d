import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors/index.ts';
import { readLabelledCsv } from '../../../src/sentiment-model/labelled-csv.ts';
import { tempDir } from './support.ts';

const dir = tempDir('csv');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function csv(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('readLabelledCsv', () => {
  it('reads labels in either spelling, cleans byte-order marks and whitespace, and keeps repeats once', () => {
    const file = csv('ok.csv', '\uFEFFcat,label,review\n水果,1,\uFEFF 很新鲜  很甜 \n水果,negative,烂了\n水果,positive,很新鲜 很甜\n零食,0,"太咸,不好吃"\n零食,1,\n');
    const set = readLabelledCsv(file);
    expect(set.textColumn).toBe('review');
    expect(set.reviews.map((r) => [r.domain, r.label, r.text, r.line])).toEqual([
      ['水果', 1, '很新鲜 很甜', 2],
      ['水果', 0, '烂了', 3],
      ['零食', 0, '太咸,不好吃', 5],
    ]);
    expect(set.duplicates).toBe(1);
    expect(set.empty).toBe(1);
  });

  it('takes text or content as the text column', () => {
    expect(readLabelledCsv(csv('text.csv', 'label,text\n1,好\n')).reviews[0]!.text).toBe('好');
    expect(readLabelledCsv(csv('content.csv', 'content,label\n差,0\n')).reviews[0]!.label).toBe(0);
  });

  it('names the file, line and field of an unknown label', () => {
    const file = csv('bad-label.csv', 'label,review\n1,好\n0,差\nmaybe,一般\n');
    const err = (() => {
      try {
        readLabelledCsv(file);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).line).toBe(4);
    expect((err as InputError).field).toBe('label');
    expect((err as Error).message).toBe(`${file}, line 4, field "label": unknown label value "maybe" (expected 1/0 or positive/negative)`);
  });

  it('names the missing column', () => {
    expect(() => readLabelledCsv(csv('no-label.csv', 'score,review\n1,好\n'))).toThrow(/no-label\.csv, line 1, field "label": no "label" column/);
    expect(() => readLabelledCsv(csv('no-text.csv', 'label,comment\n1,好\n'))).toThrow(/no text column in the header: expected one of review, text, content \(found: label, comment\)/);
    expect(() => readLabelledCsv(path.join(dir, 'absent.csv'))).toThrow(/absent\.csv: cannot read/);
  });
});

describe('readLabelledCsv with rows it cannot read', () => {
  it('skips a row with a stray quote, counted with a warning naming file and line, and reads the rest', () => {
    const file = csv('stray-quote.csv', 'label,review\n1,好吃\n0,"包装破了\n1,下次还买\n0,太咸了\n');
    const warnings: string[] = [];
    const set = readLabelledCsv(file, { onSkipped: (w) => warnings.push(w) });
    expect(set.reviews.map((r) => [r.label, r.text, r.line])).toEqual([
      [1, '好吃', 2],
      [1, '下次还买', 4],
      [0, '太咸了', 5],
    ]);
    expect(set.skipped).toHaveLength(1);
    expect(set.skipped).toEqual(warnings);
    expect(set.skipped[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 3: .*; row skipped$`));
  });

  it('skips a row with the wrong number of fields and one in no known encoding', () => {
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('label,review\n1,好吃\n0,差,多了一列\n'), Buffer.from([0x31, 0x2c, 0xff, 0xfe, 0xfd, 0x0a]), Buffer.from('0,太咸了\n')]));
    const set = readLabelledCsv(file);
    expect(set.reviews.map((r) => r.text)).toEqual(['好吃', '太咸了']);
    expect(set.skipped.map((w) => w.match(/line (\d+)/)?.[1])).toEqual(['3', '4']);
  });
});
