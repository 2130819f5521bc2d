/**
 * Inside the analyzer thread (started by analyzer-thread.ts): loads the analyzer from the config it
 * was given, says it is ready, then answers each batch of texts with their analyses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../config/index.ts';
import { PainpointError } from '../errors/index.ts';
import { createLogger } from '../log/logger.ts';
import type { AnalyzerThreadOptions, ThreadReply, ThreadRequest } from './analyzer-thread.ts';
import { loadAnalyzer } from './load-analyzer.ts';

const port = parentPort!;
const { config, options } = workerData as { config: Config; options: AnalyzerThreadOptions };
const send = (reply: ThreadReply) => port.postMessage(reply);

try {
  const analyzer = await loadAnalyzer(config, { ...options, logger: createLogger({ name: 'analyzer' }) });
  port.on('message', (request: ThreadRequest) => {
    Promise.resolve()
      .then(() => analyzer.analyzeBatch(request.texts, request.domains))
      .then((analyses) => (request.json ? analyses.map((a) => JSON.stringify(a)) : analyses))
      .then(
        (analyses) => send({ kind: 'done', id: request.id, analyses }),
        (err: unknown) =>
          send({
            kind: 'error',
            id: request.id,
            code: err instanceof PainpointError ? err.code : 'ANALYZE_FAILED',
            message: err instanceof Error ? err.message : String(err),
            retryable: err instanceof PainpointError ? err.retryable : true,
          }),
      );
  });
  send({ kind: 'ready' });
} catch (err) {
  send({ kind: 'failed', code: err instanceof PainpointError ? err.code : 'ANALYZER_LOAD', message: err instanceof Error ? err.message : String(err) });
}
