import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACTION, DEMO_WHYS } from '../../../src/demo/closing-loop.ts';
import { runDemo, type DemoResult } from '../../../src/demo/run-demo.ts';
import { formatEffect } from '../../../src/improvements/format-effect.ts';
import type { PipelineContext } from '../../../src/pipeline/context.ts';
import { listImprovements } from '../../../src/store/improvements-repository.ts';
import { listRootCauses } from '../../../src/store/root-causes-repository.ts';
import { uniquePrefix, useTestDatabase } from '../../support/services.ts';
import { closePipelineContext, openContext, testConfig } from '../pipeline/pipeline-support.ts';

describe('the demo closes the loop on its packaging story', () => {
  const db = useTestDatabase('demo_loop');
  let ctx: PipelineContext;
  let demo: DemoResult;
  beforeAll(async () => {
    ctx = await openContext(testConfig(uniquePrefix('demoloop')), db.current.url, undefined);
    demo = await runDemo(ctx, { say: () => undefined });
  }, 180_000);
  afterAll(async () => {
    if (ctx) await closePipelineContext(ctx);
  });

  it('records the 5-Why chain and the 华南 packaging fix, and measures the fix as effective', async () => {
    const causes = await listRootCauses(ctx.pool, { topic: 'product.packaging' });
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ whys: DEMO_WHYS, category: '料', scope: { region: ['华南'] } });
    const [improvement] = await listImprovements(ctx.pool, { topic: 'product.packaging' });
    expect(improvement).toMatchObject({ action: DEMO_ACTION, rootCauseId: causes[0]!.id, pilot: { region: ['华南'] }, verdict: demo.loop.effect.verdict });
    const e = demo.loop.effect;
    expect(e.verdict).toBe('effective');
    expect(e.effect!).toBeLessThan(0);
    expect(e.pilot.before.negative).toBeGreaterThan(e.pilot.after.negative);
    expect(formatEffect(e)).toMatch(/verdict {2}effective/);
    // Run again: nothing new is recorded.
    const again = await runDemo(ctx, { say: () => undefined });
    expect(again.loop.improvementId).toBe(demo.loop.improvementId);
    expect(await listRootCauses(ctx.pool, { topic: 'product.packaging' })).toHaveLength(1);
    process.stdout.write(formatEffect(e));
  });
});
