/**
 * The domain each item is analysed under: its source's entry in `nlp.sourceDomains`, else
 * `nlp.domain`. The worker, `painpoint analyze` and the evaluation all ask here, so one source is
 * read the same way everywhere.
 */
import type { NlpConfig } from '../config/schema/index.ts';
import type { Domain } from '../nlp/domains.ts';

export function itemDomains(nlp: Pick<NlpConfig, 'domain' | 'sourceDomains'>, sources: readonly (string | undefined)[]): Domain[] {
  return sources.map((source) => (source !== undefined && Object.hasOwn(nlp.sourceDomains, source) ? nlp.sourceDomains[source]! : nlp.domain));
}
