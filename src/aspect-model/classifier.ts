/** The aspect model as the NLP core's ClauseAspectModel: the TypeScript fast path, no runtime. */
import path from 'node:path';
import type { ClauseAspectModel } from '../nlp/types.ts';
import { predictClause, type AspectModel } from './model.ts';
import { loadAspectModel } from './model-files.ts';

export function clauseAspectModel(model: AspectModel, name = 'clause-aspects'): ClauseAspectModel {
  return { name, topics: model.topics, thresholds: model.thresholds, predict: (text) => predictClause(model, text) };
}

export function loadClauseAspectModel(dir: string): ClauseAspectModel {
  return clauseAspectModel(loadAspectModel(dir), `clause-aspects:${path.basename(path.resolve(dir))}`);
}
