import fs from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, AutoModelForSequenceClassification, env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/index.ts';
import { loadSentimentClassifier } from '../../../src/sentiment-model/load-classifier.ts';
import { loadNgramModel, saveModel } from '../../../src/sentiment-model/model-files.ts';
import { ngramClassifier } from '../../../src/sentiment-model/ngram-classifier.ts';
import { fixtureReviews, tempDir, trainTiny } from './support.ts';

const OBVIOUS_POSITIVE = ['很好吃，推荐', '味道不错，很满意', '新鲜好吃，还会再买'];
const OBVIOUS_NEGATIVE = ['太难吃了，差评', '送得太慢，很失望', '变质了，再也不买'];

describe('a trained model directory', () => {
  let root: string;
  let dir: string;

  beforeAll(() => {
    root = tempDir('model');
    dir = path.join(root, 'food');
    saveModel(dir, trainTiny(fixtureReviews('food')).model);
    env.allowRemoteModels = false;
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('loads in the transformers text-classification pipeline and separates obvious reviews', async () => {
    const classify = await pipeline('text-classification', dir, { dtype: 'fp32', local_files_only: true });
    const out = (await classify([...OBVIOUS_POSITIVE, ...OBVIOUS_NEGATIVE])) as { label: string; score: number }[];
    expect(out.map((o) => o.label)).toEqual([...OBVIOUS_POSITIVE.map(() => 'positive'), ...OBVIOUS_NEGATIVE.map(() => 'negative')]);
  });

  it('gives the same scores through the ONNX graph (padded batch) as the TypeScript forward pass', async () => {
    const tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
    const model = await AutoModelForSequenceClassification.from_pretrained(dir, { dtype: 'fp32', local_files_only: true });
    // Different lengths (padding), unseen characters and an empty text (only [CLS] [SEP]).
    const texts = [...OBVIOUS_POSITIVE, ...OBVIOUS_NEGATIVE, '鑫淼焱垚', '', '好吃'.repeat(50), 'OK 很好 😋'];
    const { logits } = await model(tokenizer(texts, { padding: true, truncation: true }));
    const rows = logits.tolist() as number[][];
    const fast = ngramClassifier(loadNgramModel(dir));
    texts.forEach((text, i) => {
      const [negative, positive] = rows[i]!;
      // softmax([−s/2, s/2]) → P(pos) − P(neg) = tanh(s/2)
      expect(Math.tanh((positive! - negative!) / 2), text).toBeCloseTo(fast.score(text), 4);
    });
  });

  it('scores the same on the fast path and through the pipeline', async () => {
    const texts = [...OBVIOUS_POSITIVE, ...OBVIOUS_NEGATIVE, '一般般吧', 'iPhone 不错'];
    const fast = await (await loadSentimentClassifier(dir)).scoreBatch(texts);
    const slow = await (await loadSentimentClassifier(dir, { forcePipeline: true })).scoreBatch(texts);
    fast.forEach((s, i) => expect(s).toBeCloseTo(slow[i]!, 4));
    expect(fast.slice(0, 3).every((s) => s > 0)).toBe(true);
    expect(fast.slice(3, 6).every((s) => s < 0)).toBe(true);
  });

  it('maps other id2label names (正面/负面, reversed POSITIVE/NEGATIVE, LABEL_0/LABEL_1) by their meaning', async () => {
    const texts = [...OBVIOUS_POSITIVE, ...OBVIOUS_NEGATIVE];
    const reference = await (await loadSentimentClassifier(dir)).scoreBatch(texts);
    const variants: [Record<string, string>, number][] = [
      [{ '0': '负面', '1': '正面' }, 1],
      [{ '0': 'LABEL_0', '1': 'LABEL_1' }, 1],
      // The same graph with its classes named the other way round: the score must flip.
      [{ '0': 'POSITIVE', '1': 'NEGATIVE' }, -1],
    ];
    for (const [id2label, sign] of variants) {
      const other = path.join(root, `labels-${Object.values(id2label).join('-')}`);
      fs.cpSync(dir, other, { recursive: true });
      const config = JSON.parse(fs.readFileSync(path.join(other, 'config.json'), 'utf8'));
      delete config.painpoint; // a foreign model: it goes through the pipeline
      config.id2label = id2label;
      config.label2id = Object.fromEntries(Object.entries(id2label).map(([k, v]) => [v, Number(k)]));
      fs.writeFileSync(path.join(other, 'config.json'), JSON.stringify(config));
      const scores = await (await loadSentimentClassifier(other)).scoreBatch(texts);
      scores.forEach((s, i) => expect(s, JSON.stringify(id2label)).toBeCloseTo(sign * reference[i]!, 4));
    }
  });

  it('names the path and the missing file when the directory is broken', async () => {
    await expect(loadSentimentClassifier(path.join(root, 'nowhere'))).rejects.toThrow(/nowhere.*does not exist/);
    const broken = path.join(root, 'broken');
    fs.cpSync(dir, broken, { recursive: true });
    fs.rmSync(path.join(broken, 'onnx', 'model.onnx'));
    const err = await loadSentimentClassifier(broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(broken);
    expect((err as Error).message).toContain('missing onnx/model.onnx');
    fs.writeFileSync(path.join(broken, 'config.json'), '{"model_type": "bert", ');
    fs.cpSync(path.join(dir, 'onnx'), path.join(broken, 'onnx'), { recursive: true });
    await expect(loadSentimentClassifier(broken)).rejects.toThrow(/broken\/config\.json: is not valid JSON/);
  });

  it('refuses an id2label whose names mean nothing, naming the file and key', async () => {
    const odd = path.join(root, 'odd-labels');
    fs.cpSync(dir, odd, { recursive: true });
    const config = JSON.parse(fs.readFileSync(path.join(odd, 'config.json'), 'utf8'));
    delete config.painpoint;
    config.id2label = { '0': 'spam', '1': 'ham' };
    fs.writeFileSync(path.join(odd, 'config.json'), JSON.stringify(config));
    await expect(loadSentimentClassifier(odd)).rejects.toThrow(/odd-labels\/config\.json: id2label\.0: label "spam"/);
  });
});
