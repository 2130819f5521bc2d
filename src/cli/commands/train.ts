import path from 'node:path';
import { Option } from 'commander';
import { runTrainAspects } from './train-aspects.ts';
import { readLabelledAspects } from '../../analysis/labelled-aspects.ts';
import { normalize } from '../../nlp/index.ts';
import { InputError } from '../../errors/index.ts';
import {
  TRAINING_DEFAULTS,
  domainAccuracy,
  loadNgramModel,
  ngramClassifier,
  readLabelledCsv,
  saveModel,
  trainModel,
  type LabelledReview,
} from '../../sentiment-model/index.ts';
import { createProgress } from '../progress.ts';
import type { DeclareCommand } from '../command.ts';

function positiveInt(flag: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InputError(`${flag} must be a whole number of at least 1, got "${value}"`);
    return n;
  };
}

function fraction(value: string) {
  const n = Number(value);
  if (!(n >= 0 && n < 1)) throw new InputError(`--valid-fraction must be in [0, 1), got "${value}"`);
  return n;
}

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

interface TrainFlags {
  task: 'sentiment' | 'aspects';
  input?: string[];
  out?: string;
  data?: string;
  init?: string;
  epochs?: number;
  validFraction: number;
  seed: number;
  textColumn?: string;
  leaveOut?: string;
}

export const declareTrain: DeclareCommand = (program, run) => {
  program
    .command('train')
    .description('Train a sentiment model on labelled reviews (CSV: label 1/0 or positive/negative, text in review/text/content), or with --task aspects the clause aspect models, and save it as a model directory')
    .addOption(new Option('--task <task>', 'what to train: the document sentiment model, or the clause topic tagger and polarity classifier').choices(['sentiment', 'aspects']).default('sentiment'))
    .option('--input <csv...>', 'labelled CSV file(s); a cat or domain column gives per-domain figures (sentiment)')
    .option('--out <dir>', 'model directory to write (aspects: default models/aspects-zh)')
    .option('--data <dir>', 'folder of labelled-aspects.jsonl and the two corpora (aspects; default PAINPOINT_DATA or ../shared/data)')
    .option('--init <dir>', 'warm start from this model (its vocabulary and weights): adapt it with a few hundred reviews')
    .option('--epochs <n>', `passes over the data (sentiment: the best held-out epoch is kept; default ${TRAINING_DEFAULTS.epochs}; aspects: default 4)`, positiveInt('--epochs'))
    .option('--valid-fraction <f>', 'share held out for validation', fraction, TRAINING_DEFAULTS.validFraction)
    .option('--seed <n>', 'seed of the split and the training order', positiveInt('--seed'), TRAINING_DEFAULTS.seed)
    .option('--text-column <name>', 'text column when not review, text or content')
    .option('--leave-out <jsonl>', 'sentiment: leave out every review whose text this labelled-aspects.jsonl holds, so that the reviews it scores are never trained on')
    .action(async (flags: TrainFlags) => {
      if (flags.task === 'aspects') {
        if (flags.leaveOut) throw new InputError('--leave-out is for the sentiment model: the aspect training reads the labelled file itself and trains on its train split only', { field: '--leave-out' });
        run.setExitCode(await runTrainAspects(run.config(), { out: flags.out, data: flags.data, epochs: flags.epochs, seed: flags.seed }));
        return;
      }
      if (!flags.input || flags.input.length === 0) throw new InputError('--input is required to train the sentiment model (one or more labelled CSV files)');
      if (!flags.out) throw new InputError('--out is required to train the sentiment model (the model directory to write)');
      const out = flags.out;
      const epochs = flags.epochs ?? TRAINING_DEFAULTS.epochs;
      const reviews: LabelledReview[] = [];
      const sources: Record<string, number> = {};
      // Texts are compared as readLabelledCsv gives them: normalized.
      const heldOut = flags.leaveOut ? new Set(readLabelledAspects(flags.leaveOut).map((r) => normalize(r.text))) : undefined;
      let leftOut = 0;
      for (const file of flags.input) {
        const set = readLabelledCsv(file, { textColumn: flags.textColumn, onSkipped: (warning) => process.stderr.write(`warning: ${warning}\n`) });
        // A file without a domain column is one domain, named after the file.
        const domain = path.basename(file, path.extname(file));
        let kept = 0;
        for (const r of set.reviews) {
          if (heldOut?.has(r.text)) continue;
          reviews.push(r.domain === undefined ? { ...r, domain } : r);
          kept++;
        }
        leftOut += set.reviews.length - kept;
        sources[path.basename(file)] = kept;
        const held = heldOut ? `, ${set.reviews.length - kept} held by ${path.basename(flags.leaveOut!)} left out` : '';
        process.stderr.write(`${file}: ${kept} reviews (${set.duplicates} duplicates and ${set.empty} empty skipped${held}${set.skipped.length > 0 ? `, ${set.skipped.length} unreadable rows skipped` : ''})\n`);
      }
      const init = flags.init ? loadNgramModel(flags.init) : undefined;
      const progress = createProgress('training', { total: epochs * Math.ceil(reviews.length * (1 - flags.validFraction)) });
      const result = trainModel(reviews, {
        epochs,
        validFraction: flags.validFraction,
        seed: flags.seed,
        init,
        onProgress: (done) => progress.update(done),
        onEpoch: (e) =>
          progress.update(
            e.epoch * Math.ceil(reviews.length * (1 - flags.validFraction)),
            `epoch ${e.epoch} loss ${e.loss.toFixed(4)}${e.validAccuracy === undefined ? '' : ` validation ${percent(e.validAccuracy)}`}`,
          ),
      });
      progress.finish(`trained on ${result.trainCount} reviews in ${result.seconds.toFixed(1)} s (best epoch ${result.bestEpoch})`);

      const summary: Record<string, unknown> = {
        trainedOn: sources,
        trainCount: result.trainCount,
        validCount: result.validCount,
        epochs,
        seed: flags.seed,
        bestEpoch: result.bestEpoch,
        ...(flags.leaveOut ? { leftOut: { file: path.basename(flags.leaveOut), reviews: leftOut } } : {}),
        ...(flags.init ? { initFrom: path.basename(path.resolve(flags.init)) } : {}),
      };
      const lines = [`out: ${out}`];
      if (result.validCount > 0) {
        const classifier = ngramClassifier(result.model);
        const figures = domainAccuracy(result.valid, result.valid.map((r) => classifier.score(r.text)));
        summary.validAccuracy = Number(figures.overall.accuracy.toFixed(4));
        summary.validMacroF1 = Number(figures.overall.macroF1.toFixed(4));
        lines.push(`validation accuracy: ${percent(figures.overall.accuracy)} (macro-F1 ${figures.overall.macroF1.toFixed(4)}, ${result.validCount} held-out reviews)`);
        const domains = Object.entries(figures.byDomain);
        if (domains.length > 1) {
          for (const [domain, m] of domains) lines.push(`  ${domain}: ${percent(m.accuracy)} of ${m.count}`);
        }
      } else {
        lines.push('validation accuracy: none (nothing held out)');
      }
      saveModel(out, { ...result.model, summary });
      process.stdout.write(lines.join('\n') + '\n');
      run.setExitCode(0);
    });
};
