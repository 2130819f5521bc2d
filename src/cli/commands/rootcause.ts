import type { Command } from 'commander';
import { InputError } from '../../errors/index.ts';
import { parseScope, formatScope } from '../../domain/index.ts';
import { FISHBONE_CATEGORIES, FISHBONE_NAMES, fishboneCategory } from '../../root-causes/fishbone.ts';
import { addRootCause, listRootCauses, type RootCause } from '../../store/root-causes-repository.ts';
import { collect } from '../option-values.ts';
import { taxonomyTopic, withStore } from '../with-store.ts';
import type { DeclareCommand } from '../command.ts';

interface AddFlags {
  topic: string;
  why: string[];
  category?: string;
  scope: string[];
  owner?: string;
  note?: string;
  json?: boolean;
}

/** `painpoint rootcause add|list`: 5-Why chains and their fishbone category, kept beside the cases. */
export const declareRootCause: DeclareCommand = (program: Command, run) => {
  const rootcause = program.command('rootcause').description('Record and list root causes (5-Why chains, fishbone categories 人机料法环测)');

  rootcause
    .command('add')
    .description('Record a root cause: --why once per step of the 5-Why chain, symptom first; prints the new id')
    .requiredOption('--topic <topic>', 'the pain-point topic, e.g. product.packaging')
    .option('--why <step>', 'one step of the 5-Why chain (repeat, in order)', collect, [])
    .option('--category <bone>', `fishbone category: ${FISHBONE_CATEGORIES.map((c) => `${c} (${FISHBONE_NAMES[c]})`).join(', ')}`)
    .option('--scope <key=value>', 'where it was found, e.g. region=华南 (repeatable)', collect, [])
    .option('--owner <name>', 'who owns the fix')
    .option('--note <text>', 'anything else')
    .option('--json', 'print {"id": N} as JSON')
    .action(async (flags: AddFlags) => {
      const config = run.config();
      const topic = taxonomyTopic(config, flags.topic);
      const whys = flags.why.map((w) => w.trim()).filter(Boolean);
      if (whys.length === 0) throw new InputError('give the 5-Why chain, one --why per step (symptom first)', { field: '--why' });
      const category = flags.category === undefined ? undefined : fishboneCategory(flags.category);
      if (flags.category !== undefined && !category) throw new InputError(`"${flags.category}" is not a fishbone category (${FISHBONE_CATEGORIES.join(' ')} or their English names)`, { field: '--category' });
      const scope = parseScope(flags.scope);
      if (typeof scope === 'string') throw new InputError(scope, { field: '--scope' });
      const id = await withStore(config, (pool) => addRootCause(pool, { topic, whys, scope, category, owner: flags.owner, note: flags.note }));
      process.stdout.write(flags.json ? `${JSON.stringify({ id })}\n` : `root cause ${id}: ${whys.join(' → ')}\n`);
      run.setExitCode(0);
    });

  rootcause
    .command('list')
    .description('List root causes, newest first, with the cases resolved naming them')
    .option('--topic <topic>', 'only this topic')
    .option('--json', 'one JSON object per line')
    .action(async (flags: { topic?: string; json?: boolean }) => {
      const config = run.config();
      const rows = await withStore(config, (pool) => listRootCauses(pool, { topic: flags.topic }));
      process.stdout.write(flags.json ? rows.map((r) => `${JSON.stringify(r)}\n`).join('') : formatRootCauses(rows));
      run.setExitCode(0);
    });
};

function formatRootCauses(rows: readonly RootCause[]): string {
  if (rows.length === 0) return 'no root causes\n';
  return rows
    .map((r) => {
      const head = `#${r.id}  ${r.topic}${r.category ? `  [${r.category} ${FISHBONE_NAMES[r.category]}]` : ''}${r.owner ? `  owner ${r.owner}` : ''}  cases ${r.cases} (recurred ${r.recurred})`;
      const scope = Object.keys(r.scope).length ? `\n    scope: ${formatScope(r.scope)}` : '';
      return `${head}${scope}\n    ${r.whys.join(' → ')}\n`;
    })
    .join('');
}
