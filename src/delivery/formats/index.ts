import type { EndpointFormat } from '../endpoints.ts';
import { dingtalkFormat } from './dingtalk.ts';
import { feishuFormat } from './feishu.ts';
import { painpointFormat } from './painpoint.ts';
import type { WebhookFormat } from './types.ts';
import { wecomFormat } from './wecom.ts';

export const FORMATS = {
  painpoint: painpointFormat,
  wecom: wecomFormat,
  dingtalk: dingtalkFormat,
  feishu: feishuFormat,
} satisfies Record<EndpointFormat, WebhookFormat>;

export { dingtalkSign } from './dingtalk.ts';
export { feishuSign } from './feishu.ts';
export type { OutgoingRequest, Verdict, WebhookFormat } from './types.ts';
