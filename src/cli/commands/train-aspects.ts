import path from 'node:path';
import type { Config } from '../../config/index.ts';
import { trainAspectsFromData } from '../../analysis/aspect-training.ts';
import { saveAspectModel } from '../../aspect-model/model-files.ts';

export interface TrainAspectsFlags {
  out?: string | undefined;
  data?: string | undefined;
  epochs?: number | undefined;
  seed: number;
}

/** `painpoint train --task aspects`: trains the clause aspect models and writes their directory. */
export async function runTrainAspects(config: Readonly<Config>, flags: TrainAspectsFlags): Promise<number> {
  const out = path.resolve(flags.out ?? 'models/aspects-zh');
  const started = performance.now();
  const model = await trainAspectsFromData(config, {
    dataDir: flags.data === undefined ? undefined : path.resolve(flags.data),
    seed: flags.seed,
    ...(flags.epochs === undefined ? {} : { epochs: flags.epochs }),
    onStage: (stage) => process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s: ${stage}\n`),
  });
  saveAspectModel(out, model);
  const f1 = model.summary.outOfFoldTopicF1 as Record<string, number>;
  const lines = [
    `out: ${out}`,
    `trained on ${String(model.summary.trainReviews)} labelled reviews (train split) and ${String(model.summary.weakPolarityClauses)} weak polarity clauses in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    'out-of-fold topic F1 (rules + model, train split):',
    ...Object.entries(f1).map(([t, v], i) => `  ${t.padEnd(24)} ${v.toFixed(3)}  threshold ${model.thresholds[i]!.toFixed(2)}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
