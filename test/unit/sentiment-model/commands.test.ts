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
