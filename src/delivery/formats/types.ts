import type { Endpoint } from '../endpoints.ts';
import type { WebhookMessage } from '../payload.ts';

/** One HTTP POST, ready to send. */
export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A receiver's verdict on one POST: bot relays answer 200 with an error code in the body. */
export type Verdict = { ok: true } | { ok: false; error: string };

/** A webhook format: how a message becomes a request, and how the receiver's answer is read. */
export interface WebhookFormat {
  render(message: WebhookMessage, endpoint: Endpoint, now: Date): OutgoingRequest;
  verdict(status: number, body: string): Verdict;
}

export function httpVerdict(status: number): Verdict {
  return status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` };
}

/** WeCom and DingTalk answer `{"errcode":0}`; Feishu `{"code":0}` (older hooks `{"StatusCode":0}`). */
export function botVerdict(status: number, body: string): Verdict {
  const http = httpVerdict(status);
  if (!http.ok) return http;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { ok: false, error: 'the bot answered with something other than JSON' };
  }
  const code = parsed.errcode ?? parsed.code ?? parsed.StatusCode;
  if (code === undefined || code === 0) return { ok: true };
  const msg = parsed.errmsg ?? parsed.msg ?? parsed.StatusMessage ?? '';
  return { ok: false, error: `bot error ${String(code)}: ${String(msg).slice(0, 200)}` };
}
