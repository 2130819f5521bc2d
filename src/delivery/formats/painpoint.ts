import { ID_HEADER, SIGNATURE_HEADER, signBody } from '../signature.ts';
import { httpVerdict, type WebhookFormat } from './types.ts';

/** The fixed painpoint JSON, signed with the endpoint's secret. */
export const painpointFormat: WebhookFormat = {
  render(message, endpoint, now) {
    const body = JSON.stringify(message.payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      [ID_HEADER]: message.deliveryId,
      'user-agent': 'painpoint-webhook/1',
    };
    if (endpoint.secret) headers[SIGNATURE_HEADER] = signBody(endpoint.secret, body, Math.floor(now.getTime() / 1000));
    return { url: endpoint.url, headers, body };
  },
  verdict: httpVerdict,
};
