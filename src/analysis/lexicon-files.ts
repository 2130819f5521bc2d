/**
 * Reads the sentiment lexicon folder (models/lexicon, described in its README) into plain data for
 * the NLP core. A malformed line is an error naming the file and the line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors/index.ts';
import type { Lexicon } from '../nlp/index.ts';

interface Line {
  n: number;
  parts: string[];
}

function readLines(file: string): Line[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read the lexicon file (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file }, err);
  }
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    lines.push({ n: i + 1, parts: line.split(/\s+/) });
  });
  return lines;
}

function numberAt(file: string, line: Line, min: number, max: number, what: string): number {
  const value = Number(line.parts[1]);
  if (line.parts.length !== 2 || !Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`expected "word ${what}" with ${what} a number from ${min} to ${max}, got "${line.parts.join(' ')}"`, { file, key: `line ${line.n}` });
  }
  return value;
}

/** `word weight` lines, weight -5 … +5. Words are lower-cased: English is matched case-blind. */
export function readWeights(file: string, into: Map<string, number> = new Map()): Map<string, number> {
  for (const line of readLines(file)) into.set(line.parts[0]!.toLowerCase(), numberAt(file, line, -5, 5, 'weight'));
  return into;
}

export function readLexicon(dir: string): Lexicon {
  const wordsDir = path.join(dir, 'words');
  let files: string[];
  try {
    files = fs.readdirSync(wordsDir).filter((f) => f.endsWith('.tsv')).sort();
  } catch (err) {
    throw new ConfigError(`cannot read the lexicon folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: wordsDir }, err);
  }
  if (files.length === 0) throw new ConfigError('the lexicon folder holds no words/*.tsv file', { file: wordsDir });
  const words = new Map<string, number>();
  for (const f of files) readWeights(path.join(wordsDir, f), words);

  const degreeFile = path.join(dir, 'degree.tsv');
  const degree = new Map<string, number>();
  for (const line of readLines(degreeFile)) degree.set(line.parts[0]!, numberAt(degreeFile, line, 0.1, 3, 'multiplier'));

  const wordList = (name: string) => new Set(readLines(path.join(dir, name)).map((l) => l.parts[0]!.toLowerCase()));

  const contrastFile = path.join(dir, 'contrast.txt');
  const contrast = new Map<string, { initialOnly: boolean }>();
  for (const line of readLines(contrastFile)) {
    const flag = line.parts[1];
    if (flag !== undefined && flag !== 'initial') {
      throw new ConfigError(`expected "word" or "word initial", got "${line.parts.join(' ')}"`, { file: contrastFile, key: `line ${line.n}` });
    }
    contrast.set(line.parts[0]!, { initialOnly: flag === 'initial' });
  }

  // Optional: a lexicon folder from before mediocre judgements had a list of their own still loads.
  const mediocre = fs.existsSync(path.join(dir, 'mediocre.txt')) ? wordList('mediocre.txt') : undefined;
  return { words, degree, negators: wordList('negators.txt'), contrast, hypothetical: wordList('hypothetical.txt'), mediocre };
}
