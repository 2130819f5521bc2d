import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { Option } from 'commander';
import { defaultThreadCount, startAnalyzerPool } from '../../analysis/analyzer-pool.ts';
import { itemDomains } from '../../analysis/item-domains.ts';
import { SENTIMENT_MODES, type Config } from '../../config/index.ts';
import { FIELD_ALIASES } from '../../ingest/fields.ts';
// The leaf modules, not the nlp barrel: this thread only reads and writes, and the whole analyzer
// (dictionaries, jieba's native binding, opencc) would load here for nothing before the threads start.
import { DEFAULT_DOMAIN, DOMAINS, type Domain } from '../../nlp/domains.ts';
import { TOKENIZER_ENGINES } from '../../nlp/tokenize/tokenizer.ts';
import type { Analysis } from '../../nlp/types.ts';
import { readRecords, type RawRecord, type RecordFormat } from '../../sources/files/index.ts';
import { configOption } from '../config-flags.ts';
import { positiveInt } from '../option-values.ts';
import type { DeclareCommand } from '../command.ts';

/** Column or field names taken as the text when --text-column is not given, in this order: the import's. */
export const TEXT_FIELDS = FIELD_ALIASES.text;

/**
 * Records per batch sent to a thread. Each batch costs the thread a fixed part (the pipeline's
 * batch steps, the message each way); at 256 the command took 100,000 reviews 6% sooner than at 64
 * (4.79–4.99 s against 5.15–5.45 s, 3 alternating pairs, the same output), and 512 gained nothing
 * more. The first line waits for the first batch, which runs before the code is optimized: it came
 * about 0.1 s later in `bench analyze-command`.
 */
const DEFAULT_BATCH_SIZE = 256;

export interface AnalyzeOptions {
  textColumn?: string | undefined;
  format?: RecordFormat | undefined;
  /** Records per analyzeBatch call (the sentiment model runs batched). */
  batchSize?: number | undefined;
  /** Analyzer threads (default: one per core). */
  threads?: number | undefined;
}

/** What the command needs of an analyzer: the analyzer threads, or one loaded in-process (tests). */
export interface BatchAnalyzer {
  analyzeBatch(texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<Analysis[]>;
  /** Each analysis as its JSON text, where the analyzer can write it itself (the threads: see AnalyzerThread). */
  analyzeBatchJson?(texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<string[]>;
}

/** Where the command reads and writes, and what analyzes: the given analyzer, else threads loading `config`. */
export type AnalyzeIo = { stdout: Writable; stdin?: Readable | undefined } & ({ analyzer: BatchAnalyzer } | { config: Readonly<Config> });

/**
 * The output line of an analysis: `{"id":…,` and then the analysis's own JSON without its opening
 * brace, the very text JSON.stringify({ id, ...analysis }) gives, from JSON written on the thread.
 */
function analysisLine(id: unknown, analysisJson: string): string {
  return analysisJson === '{}' ? `{"id":${JSON.stringify(id)}}` : `{"id":${JSON.stringify(id)},${analysisJson.slice(1)}`;
}

async function analysesAsJson(analyzer: BatchAnalyzer, texts: readonly string[], domains: readonly (Domain | undefined)[]): Promise<string[]> {
  if (analyzer.analyzeBatchJson) return analyzer.analyzeBatchJson(texts, domains);
  return (await analyzer.analyzeBatch(texts, domains)).map((a) => JSON.stringify(a));
}

/** The record's text, or why there is none. */
export function recordText(record: RawRecord, textColumn: string | undefined): { text: string } | { error: string } {
  if (record.error) return { error: record.error };
  const names = textColumn ? [textColumn] : TEXT_FIELDS;
  const name = names.find((n) => record.fields[n] !== undefined && record.fields[n] !== null);
  if (name === undefined) {
    return { error: `no ${names.map((n) => `"${n}"`).join(', ').replace(/, ([^,]*)$/, ' or $1')} field` };
  }
  const value = record.fields[name];
  if (typeof value !== 'string' && typeof value !== 'number') return { error: `field "${name}" is not text` };
  const raw = String(value);
  // Bytes that were not valid in the input's encoding were replaced by U+FFFD when it was decoded.
  const text = raw.replace(/\uFFFD/g, '').trim();
  if (text === '') return { error: raw.includes('\uFFFD') ? `field "${name}" holds only invalid bytes` : `field "${name}" is empty` };
  return { text };
}

/** Resolves when `out` can take more (or is gone), leaving no listener behind. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

function recordId(record: RawRecord): unknown {
  const id = record.fields.id;
  return id === undefined || id === null || id === '' ? record.line : id;
}

/**
 * Streams records from FILE (or stdin) through the analyzer threads to stdout, one JSON line per
 * record in input order. Up to two batches per thread are in flight at once, so every core has the
 * next batch waiting while memory stays bounded whatever the input's size. Returns the exit code: 0,
 * or throws an InputError when the input cannot be read.
 */
export async function runAnalyze(file: string, options: AnalyzeOptions, io: AnalyzeIo): Promise<number> {
  const threads = options.threads ?? defaultThreadCount();
  const config = 'config' in io ? io.config : undefined;
  // An analyzer brought by the caller (tests) has no config: every record then takes the default domain.
  const nlp = { domain: config?.nlp.domain ?? DEFAULT_DOMAIN, sourceDomains: config?.nlp.sourceDomains ?? {} };
  const pool = 'analyzer' in io ? undefined : await startAnalyzerPool(io.config, { threads });
  const analyzer: BatchAnalyzer = 'analyzer' in io ? io.analyzer : pool!;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const inFlight = 2 * threads;
  const out = io.stdout;
  let closed = false;
  const onError = (err: NodeJS.ErrnoException) => {
    // The reader went away (`| head`): stop quietly, as Unix tools do.
    if (err.code === 'EPIPE') closed = true;
    else throw err;
  };
  out.on('error', onError);

  interface Pending {
    batch: RawRecord[];
    slots: ({ text: string } | { error: string })[];
    analyses: Promise<string[]>;
  }
  const send = (batch: RawRecord[]): Pending => {
    const slots = batch.map((record) => recordText(record, options.textColumn));
    const texts = slots.flatMap((slot) => ('text' in slot ? [slot.text] : []));
    // Each record under its source's domain (nlp.sourceDomains), as the pipeline worker reads it.
    const sources = batch.flatMap((record, i) => ('text' in slots[i]! ? [typeof record.fields.source === 'string' ? record.fields.source : undefined] : []));
    const analyses = texts.length > 0 ? analysesAsJson(analyzer, texts, itemDomains(nlp, sources)) : Promise.resolve([]);
    // Marked as handled now: when a thread dies, every batch waiting behind the one being written
    // fails too, and only that one is awaited (its error is the one reported).
    analyses.catch(() => {});
    return { batch, slots, analyses };
  };
  const write = async ({ batch, slots, analyses: pending }: Pending) => {
    const analyses = await pending;
    let k = 0;
    const lines = slots.map((slot, i) => {
      const id = recordId(batch[i]!);
      return 'text' in slot ? analysisLine(id, analyses[k++]!) : JSON.stringify({ id, error: slot.error });
    });
    if (closed) return;
    if (!out.write(lines.join('\n') + '\n')) await drained(out);
  };

  const window: Pending[] = [];
  try {
    let batch: RawRecord[] = [];
    for await (const record of readRecords(file, { format: options.format, stdin: io.stdin })) {
      batch.push(record);
      if (batch.length >= batchSize) {
        window.push(send(batch));
        batch = [];
        if (window.length >= inFlight) await write(window.shift()!);
        if (closed) break;
      }
    }
    if (batch.length > 0 && !closed) window.push(send(batch));
    while (window.length > 0 && !closed) await write(window.shift()!);
  } finally {
    out.off('error', onError);
    // Batches left behind (the reader went away, or the input failed) are not waited for.
    await pool?.close();
  }
  return 0;
}

/** `painpoint analyze FILE|-`: sentiment, aspects and alerts for each record, as JSON lines. */
export const declareAnalyze: DeclareCommand = (program, run) => {
  program
    .command('analyze')
    .description('Analyze CSV or JSONL records (FILE, or - for stdin): one JSON line per record with sentiment, aspects and alerts')
    .argument('<file>', 'a .csv (with a header) or .jsonl file, or - for stdin')
    .option('--text-column <name>', `the field holding the text (default: the first of ${TEXT_FIELDS.join(', ')})`)
    .addOption(new Option('--format <format>', 'input format (default: from the extension, else from the first character)').choices(['csv', 'jsonl']))
    .addOption(configOption('--sentiment <mode>', 'document sentiment from the lexicon, the model, or both', 'nlp.sentiment').choices([...SENTIMENT_MODES]))
    // A directory named on the command line is relative to where the user stands, not the package.
    .addOption(configOption('--sentiment-model <dir>', 'sentiment model directory', 'nlp.sentimentModel').argParser((dir: string) => path.resolve(dir)))
    .addOption(configOption('--tokenizer <engine>', 'word segmenter', 'nlp.tokenizer').choices([...TOKENIZER_ENGINES]))
    .addOption(new Option('--batch-size <n>', 'records per analysis batch').default(DEFAULT_BATCH_SIZE).argParser(positiveInt))
    .addOption(configOption('--domain <domain>', 'what the records\' source sells and how it delivers, for the alert rules; a record\'s `source` listed in nlp.sourceDomains takes its own', 'nlp.domain').choices([...DOMAINS]))
    .option('--threads <n>', `analyzer threads (default: one per core, ${defaultThreadCount()} here)`, positiveInt)
    .action(async (file: string, opts: AnalyzeOptions) => {
      run.setExitCode(await runAnalyze(file, opts, { stdout: process.stdout, config: run.config() }));
    });
};
