import http from 'node:http';
import https from 'node:https';
import { TransientError } from '../errors/index.ts';
import type { OutgoingRequest } from './formats/index.ts';
import { checkWebhookUrl, guardedLookup, WebhookTargetRefused, type HostAllowlist } from './url-guard.ts';

export interface PostResult {
  status: number;
  /** The start of the answer (receivers' error messages; bots' error codes). */
  body: string;
  durationMs: number;
}

const MAX_ANSWER = 4096;
const MAX_REDIRECTS = 3;

/**
 * POSTs one request with a time limit, through the allowlist guard. Only 307/308 redirects are
 * followed (they keep the method and body), each to a target the guard checks again; any other
 * redirect is an answer like any other non-2xx.
 */
export async function postWebhook(request: OutgoingRequest, options: { allowlist: HostAllowlist; timeoutMs: number }): Promise<PostResult> {
  const started = performance.now();
  let url = request.url;
  for (let hop = 0; ; hop++) {
    const target = checkWebhookUrl(url, options.allowlist);
    const answer = await postOnce(target, request, options);
    const location = answer.location;
    if ((answer.status === 307 || answer.status === 308) && location && hop < MAX_REDIRECTS) {
      url = new URL(location, target).toString();
      continue;
    }
    return { status: answer.status, body: answer.body, durationMs: performance.now() - started };
  }
}

function postOnce(target: URL, request: OutgoingRequest, options: { allowlist: HostAllowlist; timeoutMs: number }): Promise<{ status: number; body: string; location: string | undefined }> {
  const client = target.protocol === 'https:' ? https : http;
  const body = Buffer.from(request.body);
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(body.length) },
        lookup: guardedLookup(options.allowlist) as unknown as typeof import('node:dns').lookup,
        timeout: options.timeoutMs,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_ANSWER) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => {
          clearTimeout(deadline);
          const location = res.headers.location;
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_ANSWER), location });
        });
        res.on('error', fail);
      },
    );
    // `timeout` above limits idle sockets; this limits the whole exchange.
    const deadline = setTimeout(() => req.destroy(new TransientError('WEBHOOK_TIMEOUT', `no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    req.on('timeout', () => req.destroy(new TransientError('WEBHOOK_TIMEOUT', `no answer within ${options.timeoutMs} ms`)));
    req.on('error', fail);
    function fail(err: Error) {
      clearTimeout(deadline);
      if (err instanceof WebhookTargetRefused || err instanceof TransientError) reject(err);
      else reject(new TransientError('WEBHOOK_UNREACHABLE', `${(err as NodeJS.ErrnoException).code ?? err.message}`, err));
    }
    req.end(body);
  });
}
