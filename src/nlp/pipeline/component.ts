/**
 * A pipeline component: a name, the annotations it needs and the ones it adds. A rule component
 * runs on one Doc at a time (`run`); a component backed by a model that prefers many texts at once
 * runs on the whole batch (`runBatch`). Either way the pipeline calls it in its configured place.
 */
import type { Doc, DocField } from './doc.ts';

export interface Component {
  readonly name: string;
  readonly requires: readonly DocField[];
  readonly assigns: readonly DocField[];
  /** Synchronous work on one document. */
  run?(doc: Doc): void;
  /** Work on a batch of documents (a model); `analyze()` of one text, being synchronous, leaves it out. */
  runBatch?(docs: readonly Doc[]): Promise<void>;
}
