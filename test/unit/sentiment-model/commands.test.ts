import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { FIXTURES, tempDir } from './support.ts';

const dir = tempDir('commands');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let stdout: string;
let stderr: string;
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const run = (...args: string[]) => main(['node', 'painpoint', ...args]);

describe('painpoint train and eval', () => {
  const out = path.join(dir, 'model');
  const food = path.join(FIXTURES, 'food.csv');

  it('train writes a model directory and prints the validation accuracy', async () => {
    expect(await run('train', '--input', food, '--out', out, '--epochs', '6', '--valid-fraction', '0.2')).toBe(0);
    expect(stdout).toMatch(/validation accuracy: \d+\.\d\d% \(macro-F1 [01]\.\d+, 10 held-out reviews\)/);
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt', 'onnx/model.onnx']) expect(fs.existsSync(path.join(out, f)), f).toBe(true);
    const config = JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8'));
    expect(config.id2label).toEqual({ '0': 'negative', '1': 'positive' });
    expect(config.painpoint.trainCount).toBe(40);
  });

  it('train --leave-out trains on none of the texts a labelled-aspects file holds', async () => {
    const rows = fs.readFileSync(food, 'utf8').trim().split('\n').slice(1);
    // The texts of two rows, as a labelled-aspects.jsonl would hold them (one with spaces the
    // normalizer removes).
    const texts = rows.slice(0, 2).map((r) => r.slice(r.indexOf(',') + 1).replace(/^"|"$/g, ''));
    const held = path.join(dir, 'labelled-aspects.jsonl');
    fs.writeFileSync(held, texts.map((text, i) => JSON.stringify({ id: `waimai:${i}`, split: 'test', text: i === 1 ? ` ${text} ` : text, aspects: [], alerts: [], sentiment: 'neutral' })).join('\n') + '\n');
    const model = path.join(dir, 'left-out');
    expect(await run('train', '--input', food, '--leave-out', held, '--out', model, '--epochs', '2', '--valid-fraction', '0')).toBe(0);
    expect(stderr).toContain('48 reviews (0 duplicates and 0 empty skipped, 2 held by labelled-aspects.jsonl left out)');
    const config = JSON.parse(fs.readFileSync(path.join(model, 'config.json'), 'utf8'));
    expect(config.painpoint.trainCount).toBe(48);
    expect(config.painpoint.leftOut).toEqual({ file: 'labelled-aspects.jsonl', reviews: 2 });
    fs.writeFileSync(held, '{"id":"waimai:1","split":"test"}\n');
    expect(await run('train', '--input', food, '--leave-out', held, '--out', path.join(dir, 'never'))).toBe(2);
    expect(stderr).toContain(`${held}:1: text:`);
  });

  it('eval prints accuracy, macro-F1, the confusion matrix and reviews/s', async () => {
    const hotel = path.join(FIXTURES, 'hotel.csv');
    expect(await run('train', '--init', out, '--input', hotel, '--out', path.join(dir, 'adapted'), '--epochs', '5')).toBe(0);
    expect(await run('eval', '--input', food, '--sentiment', 'model', '--sentiment-model', out)).toBe(0);
    expect(stdout).toMatch(/sentiment model\naccuracy: \d+\.\d\d%\nmacro-F1: [01]\.\d{4}\nconfusion matrix:\n +actual \\ pred +negative +neutral +positive\n +negative +\d+ +\d+ +\d+\n +positive +\d+ +\d+ +\d+\nspeed: [\d,]+ reviews\/s/);
    const accuracy = Number(/accuracy: ([\d.]+)%/.exec(stdout)![1]);
    expect(accuracy).toBeGreaterThan(90); // its own training data
  });

  it('names the file, line and field of bad input, and the path of a missing model', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'label,review\n1,好吃\n2,难吃\n');
    expect(await run('train', '--input', bad, '--out', path.join(dir, 'never'))).toBe(2);
    expect(stderr).toContain(`${bad}, line 3, field "label": unknown label value "2"`);
    expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
    expect(await run('train', '--input', food, '--init', path.join(dir, 'nowhere'), '--out', path.join(dir, 'never'))).toBe(2);
    expect(stderr).toContain(`${path.join(dir, 'nowhere')}: sentiment model directory does not exist`);
  });
});
