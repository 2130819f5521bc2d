import { escalateOverdue } from '../src/delivery/escalation.ts';
import type { PipelineContext } from '../src/pipeline/context.ts';

/** The escalate queue's scheduled job: overdue, unacknowledged alerts are sent once more. */
export function escalateProcessor(ctx: PipelineContext) {
  return async (): Promise<{ escalated: number }> => ({ escalated: await escalateOverdue(ctx) });
}
