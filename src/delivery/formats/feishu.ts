import { createHmac } from 'node:crypto';
import { ID_HEADER } from '../signature.ts';
import { messageText, plainEscape } from './message-text.ts';
import { botVerdict, type WebhookFormat } from './types.ts';

/** Feishu's own signing (签名校验): base64 HMAC-SHA256 keyed by "<unix seconds>\n<secret>" over an empty message. */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

/** Feishu / Lark custom bot (飞书自定义机器人): a rich-text post; `timestamp` and `sign` travel in the body. */
export const feishuFormat: WebhookFormat = {
  render(message, endpoint, now) {
    const text = messageText(message.payload, plainEscape);
    const content = text.lines.map((line) =>
      line.link ? [{ tag: 'a', text: line.link.label, href: line.link.url }] : [{ tag: 'text', text: line.quote ? `「${line.text}」` : line.text }],
    );
    const body: Record<string, unknown> = { msg_type: 'post', content: { post: { zh_cn: { title: text.title, content } } } };
    if (endpoint.secret) {
      const ts = Math.floor(now.getTime() / 1000);
      body.timestamp = String(ts);
      body.sign = feishuSign(endpoint.secret, ts);
    }
    return { url: endpoint.url, headers: { 'content-type': 'application/json; charset=utf-8', [ID_HEADER]: message.deliveryId }, body: JSON.stringify(body) };
  },
  verdict: botVerdict,
};
