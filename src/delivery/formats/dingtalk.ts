import { createHmac } from 'node:crypto';
import { ID_HEADER } from '../signature.ts';
import { markdownEscape, markdownText, messageText } from './message-text.ts';
import { botVerdict, type WebhookFormat } from './types.ts';

/** DingTalk's own signing (加签): base64 HMAC-SHA256 of "<ms timestamp>\n<secret>" keyed by the secret. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** DingTalk group bot (钉钉自定义机器人): markdown message; signed through `timestamp` and `sign` query parameters. */
export const dingtalkFormat: WebhookFormat = {
  render(message, endpoint, now) {
    const url = new URL(endpoint.url);
    if (endpoint.secret) {
      const ts = now.getTime();
      url.searchParams.set('timestamp', String(ts));
      url.searchParams.set('sign', dingtalkSign(endpoint.secret, ts));
    }
    const text = messageText(message.payload, markdownEscape);
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: text.title, text: markdownText(text) } });
    return { url: url.toString(), headers: { 'content-type': 'application/json; charset=utf-8', [ID_HEADER]: message.deliveryId }, body };
  },
  verdict: botVerdict,
};
