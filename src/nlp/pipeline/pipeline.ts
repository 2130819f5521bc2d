/**
 * The pipeline: components in the order `nlp.pipeline` names them, checked once when it is built so
 * that a misordered or misspelt configuration fails at start-up with a sentence saying what to fix,
 * not on the first review.
 */
import { DEFAULT_DOMAIN, type Domain } from '../domains.ts';
import type { Component } from './component.ts';
import { newDoc, type Doc, type DocField } from './doc.ts';

export class PipelineError extends Error {
  override readonly name = 'PipelineError';
  readonly code = 'NLP_PIPELINE';
}

export interface Pipeline {
  readonly components: readonly Component[];
  /** The synchronous components on one text of an item of `domain` (default `general`). */
  run(text: string, domain?: Domain): Doc;
  /** Every component, batched ones on the whole batch; `domains[i]` is the domain of `texts[i]`. */
  runBatch(texts: readonly string[], domains?: readonly Domain[]): Promise<Doc[]>;
}

/**
 * @param names the configured order
 * @param available every component that can be named, by name
 */
export function createPipeline(names: readonly string[], available: ReadonlyMap<string, Component>): Pipeline {
  const components: Component[] = [];
  const assigned = new Map<DocField, string>();
  for (const name of names) {
    const component = available.get(name);
    if (!component) {
      throw new PipelineError(`nlp.pipeline: unknown component "${name}" (known: ${[...available.keys()].join(', ')})`);
    }
    if (components.includes(component)) throw new PipelineError(`nlp.pipeline: "${name}" is listed twice`);
    for (const field of component.requires) {
      if (!assigned.has(field)) {
        const providers = [...available.values()].filter((c) => c.assigns.includes(field)).map((c) => `"${c.name}"`);
        throw new PipelineError(`nlp.pipeline: "${name}" requires ${field}, which no component before it assigns (put ${providers.join(' or ') || 'a component assigning it'} before "${name}")`);
      }
    }
    for (const field of component.assigns) assigned.set(field, name);
    components.push(component);
  }
  const sync = components.filter((c) => c.run);
  return {
    components,
    run(text, domain = DEFAULT_DOMAIN) {
      const doc = newDoc(text, domain);
      for (const c of sync) c.run!(doc);
      return doc;
    },
    async runBatch(texts, domains) {
      if (domains && domains.length !== texts.length) throw new PipelineError(`runBatch: ${texts.length} texts but ${domains.length} domains`);
      const docs = texts.map((t, i) => newDoc(t, domains?.[i] ?? DEFAULT_DOMAIN));
      for (const c of components) {
        if (c.runBatch) await c.runBatch(docs);
        else for (const d of docs) c.run!(d);
      }
      return docs;
    },
  };
}
