/**
 * Analyzer threads, one per core by default: each batch goes to the thread with the fewest batches
 * waiting, and each call's promise answers that call, so a caller that awaits its batches in the
 * order it sent them writes results in input order whichever thread finishes first.
 */
import os from 'node:os';
import type { Config } from '../config/index.ts';
import { PainpointError } from '../errors/index.ts';
import type { Analysis, Domain } from '../nlp/types.ts';
import { startAnalyzerThread, type AnalyzerThread, type AnalyzerThreadOptions } from './analyzer-thread.ts';

export interface AnalyzerPoolOptions extends AnalyzerThreadOptions {
  /** Threads to start (default: the cores this process may use, `os.availableParallelism()`). */
  threads?: number | undefined;
}

export interface AnalyzerPool extends AnalyzerThread {
  /** Threads ready now (more may still be loading). */
  readonly size: number;
}

export function defaultThreadCount(): number {
  return os.availableParallelism();
}

/**
 * Starts one thread and resolves once it is ready (a broken config rejects here, named); only then
 * are the others started, to join as each becomes ready. Loading takes a thread about a second, most
 * of it CPU: started together on a small machine, they would all be ready late instead of one early.
 */
export async function startAnalyzerPool(config: Readonly<Config>, options: AnalyzerPoolOptions = {}): Promise<AnalyzerPool> {
  const { threads: wanted, ...threadOptions } = options;
  const count = wanted ?? defaultThreadCount();
  if (!Number.isInteger(count) || count < 1) throw new PainpointError('INVALID_OPTION', `analyzer threads must be a whole number ≥ 1, got ${count}`);
  const threads: AnalyzerThread[] = [await startAnalyzerThread(config, threadOptions)];
  const waiting: number[] = [0];
  let closed = false;
  // Closing ends the threads still loading instead of waiting a second for each: a short input is
  // done long before they would have joined.
  const loading = new AbortController();
  const joining = Array.from({ length: count - 1 }, () =>
    startAnalyzerThread(config, threadOptions, loading.signal).then(
      (thread) => {
        if (closed) return thread.close();
        threads.push(thread);
        waiting.push(0);
      },
      // The first thread loaded this very config, so a later one failing is a dying thread (or one
      // closed while loading), not bad input: the pool goes on with the threads it has.
      () => {},
    ),
  );

  /** Runs `ask` on the thread with the fewest batches waiting. */
  const dispatch = async <T>(ask: (thread: AnalyzerThread) => Promise<T>): Promise<T> => {
    if (closed) throw new PainpointError('ANALYZER_THREAD', 'the analyzer threads were closed', { retryable: true });
    let k = 0;
    for (let i = 1; i < threads.length; i++) if (waiting[i]! < waiting[k]!) k = i;
    waiting[k]!++;
    try {
      return await ask(threads[k]!);
    } finally {
      waiting[k]!--;
    }
  };

  return {
    get size() {
      return threads.length;
    },
    analyzeBatch: (texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<Analysis[]> => dispatch((t) => t.analyzeBatch(texts, domains)),
    analyzeBatchJson: (texts: readonly string[], domains?: readonly (Domain | undefined)[]): Promise<string[]> => dispatch((t) => t.analyzeBatchJson(texts, domains)),
    async close() {
      closed = true;
      loading.abort();
      await Promise.all([...threads.map((t) => t.close()), ...joining]);
    },
  };
}
