export { dispatchAlerts, flushDigest, sweepDeliveries } from './dispatch.ts';
export { raiseOperationalAlert, type OperationalAlert } from './operational.ts';
export { escalateOverdue } from './escalation.ts';
export { signBody, verifySignature, SIGNATURE_HEADER, ID_HEADER, type VerifyResult } from './signature.ts';
export { resolveDeliveryTargets, type Endpoint, type DeliveryTargets } from './endpoints.ts';
export { deliveryRuntime } from './runtime.ts';
export type { WebhookPayload, AlertPayload, DigestPayload, EscalationPayload, OperationalPayload, ResolutionPayload } from './payload.ts';
export { retryAlerts } from './retry.ts';
export { dispatchResolutions } from './resolutions.ts';
