/**
 * The analyzer on a worker thread of its own. A pipeline process spends its main thread reading
 * files, moving jobs through the queues and building store statements; analysis is the largest
 * single piece of CPU per item, so it runs beside all that on another core instead of in turn with
 * it. Batches are answered in the order they are sent; results come back by structured clone.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/index.ts';
import { PainpointError } from '../errors/index.ts';
import type { Analysis, Domain, SentimentMode } from '../nlp/types.ts';
import type { TokenizerEngine } from '../nlp/index.ts';

export interface AnalyzerThreadOptions {
  mode?: SentimentMode | undefined;
  /** Component names (default: `nlp.pipeline`). */
  pipeline?: readonly string[] | undefined;
  sentimentModel?: string | undefined;
  tokenizer?: TokenizerEngine | undefined;
}

export interface AnalyzerThread {
  /** `domains[i]` (where given) is the domain of `texts[i]`; the config's `nlp.domain` otherwise. */
  analyzeBatch(texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<Analysis[]>;
  /**
   * Like `analyzeBatch`, each analysis as its JSON text (`JSON.stringify`), written on the thread:
   * for a caller that only prints them, a batch of strings crosses back far cheaper than the object
   * graphs, and the stringifying runs beside the other threads instead of on the caller's.
   */
  analyzeBatchJson(texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<string[]>;
  /** Ends the thread; batches still waiting are rejected. */
  close(): Promise<void>;
}

/** What the thread sends back: once `ready` (or why it could not load), then one reply per batch. */
export type ThreadReply =
  | { kind: 'ready' }
  | { kind: 'failed'; code: string; message: string }
  | { kind: 'done'; id: number; analyses: Analysis[] | string[] }
  | { kind: 'error'; id: number; code: string; message: string; retryable: boolean };

export interface ThreadRequest {
  id: number;
  texts: readonly string[];
  domains?: readonly (Domain | undefined)[] | undefined;
  /** Reply with each analysis as its JSON text. */
  json?: boolean | undefined;
}

// The thread runs the code the way this module was loaded: compiled (dist/, see bin/painpoint.js)
// it imports the compiled entry; as TypeScript source it registers tsx first, which costs each
// thread about half a second of its start (tsx's loader runs on a thread of its own and every
// import goes through it). A start of that cost is why the pool does not wait for all its threads.
const COMPILED = import.meta.url.endsWith('.js');
const ENTRY = new URL(COMPILED ? './analyzer-thread-entry.js' : './analyzer-thread-entry.ts', import.meta.url).href;
const TSX_API = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/u, '.mjs')).href;
const BOOT = COMPILED
  ? `import(${JSON.stringify(ENTRY)})`
  : `import(${JSON.stringify(TSX_API())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); })`;

/**
 * The young generation of each analyzer thread, in MB (V8's default for a thread is a few MB per
 * semi-space). A batch's documents, tokens and clauses all live until the batch is answered, so in a
 * small young generation most of them survive a scavenge or two and are copied, then promoted and
 * marked again by the full collector. At 128 MB two threads analysed 120,000 corpus reviews 13–18%
 * sooner (4.29–4.72 s against 4.91–5.69 s, batches of 64 to 1,000, n = 2 each) for 50–150 MB more
 * memory per thread; 192 and 256 gained no more.
 */
const YOUNG_GENERATION_MB = 128;

/**
 * Starts the thread and resolves once its analyzer is loaded (a broken config rejects here, named).
 * `signal` gives up on a thread still loading: it is ended at once, and this rejects as retryable.
 */
export async function startAnalyzerThread(config: Readonly<Config>, options: AnalyzerThreadOptions = {}, signal?: AbortSignal): Promise<AnalyzerThread> {
  if (signal?.aborted) throw closedWhileLoading();
  const worker = new Worker(BOOT, { eval: true, workerData: { config, options }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const pending = new Map<number, { resolve: (a: Analysis[] | string[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let gone: Error | undefined;

  let settle: (err?: Error) => void = () => {};
  const onMessage = (reply: ThreadReply) => {
    if (reply.kind === 'ready') settle();
    else if (reply.kind === 'failed') settle(new PainpointError(reply.code, reply.message));
  };
  const onError = (err: Error) => settle(err);
  const onExit = (code: number) => settle(new PainpointError('ANALYZER_THREAD', `the analyzer thread exited while loading (code ${code})`));
  const onAbort = () => settle(closedWhileLoading());
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      settle = (err) => (err ? reject(err) : resolve());
    });
  } catch (err) {
    await worker.terminate();
    throw err;
  } finally {
    // Only these listeners: the worker's own (which keep its message port reading) must stay.
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    signal?.removeEventListener('abort', onAbort);
  }

  const failAll = (err: Error) => {
    gone ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('message', (reply: ThreadReply) => {
    if (reply.kind !== 'done' && reply.kind !== 'error') return;
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.kind === 'done') p.resolve(reply.analyses);
    else p.reject(new PainpointError(reply.code, reply.message, { retryable: reply.retryable }));
  });
  // A dead thread fails its batches as retryable: their jobs go back to the queue, not to `failed`.
  worker.on('error', (err) => failAll(new PainpointError('ANALYZER_THREAD', `the analyzer thread failed: ${err.message}`, { retryable: true })));
  worker.on('exit', (code) => failAll(new PainpointError('ANALYZER_THREAD', `the analyzer thread exited (code ${code})`, { retryable: true })));

  const request = (texts: readonly string[], domains: readonly (Domain | undefined)[] | undefined, json: boolean) => {
    if (gone) return Promise.reject(gone);
    if (texts.length === 0) return Promise.resolve([]);
    const id = nextId++;
    return new Promise<Analysis[] | string[]>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts, domains, json } satisfies ThreadRequest);
    });
  };

  return {
    analyzeBatch: (texts, domains) => request(texts, domains, false) as Promise<Analysis[]>,
    analyzeBatchJson: (texts, domains) => request(texts, domains, true) as Promise<string[]>,
    async close() {
      failAll(new PainpointError('ANALYZER_THREAD', 'the analyzer thread was closed', { retryable: true }));
      await worker.terminate();
    },
  };
}

function closedWhileLoading(): PainpointError {
  return new PainpointError('ANALYZER_THREAD', 'the analyzer thread was closed while loading', { retryable: true });
}
