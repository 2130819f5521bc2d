import { ID_HEADER } from '../signature.ts';
import { markdownEscape, markdownText, messageText } from './message-text.ts';
import { botVerdict, type WebhookFormat } from './types.ts';

/** WeCom (企业微信) group bots take 4,096 bytes of markdown. */
const MAX_BYTES = 4096;

function clipBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = text;
  while (Buffer.byteLength(out) > max - 3) out = out.slice(0, Math.floor(out.length * 0.9));
  return `${out}…`;
}

/**
 * WeCom group bot (企业微信群机器人): markdown message. WeCom does not sign; the bot key is the
 * credential, so it may live in the environment (secretEnv) rather than in the configured URL.
 */
export const wecomFormat: WebhookFormat = {
  render(message, endpoint) {
    const url = new URL(endpoint.url);
    if (endpoint.secret && !url.searchParams.has('key')) url.searchParams.set('key', endpoint.secret);
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: clipBytes(markdownText(messageText(message.payload, markdownEscape)), MAX_BYTES) } });
    return { url: url.toString(), headers: { 'content-type': 'application/json; charset=utf-8', [ID_HEADER]: message.deliveryId }, body };
  },
  verdict: botVerdict,
};
