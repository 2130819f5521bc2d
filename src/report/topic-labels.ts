import { loadYamlFile, resolveFromRoot, type Config } from '../config/index.ts';
import { taxonomySchema } from '../config/schema/taxonomy.ts';

/** Topic labels (品质, 口感 …) from the taxonomy; reports fall back to ids where there are none. */
export function topicLabels(config: Readonly<Config>): Map<string, string> {
  const taxonomy = loadYamlFile(taxonomySchema, resolveFromRoot(config.nlp.taxonomy));
  return new Map(Object.entries(taxonomy.topics).flatMap(([id, t]) => (t?.label ? [[id, t.label] as [string, string]] : [])));
}
