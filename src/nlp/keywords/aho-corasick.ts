/**
 * Aho–Corasick automaton over UTF-16 code units: every keyword of the taxonomy and the alert rules is
 * found in one left-to-right pass over the text, however many keywords there are.
 */
export class AhoCorasick {
  // Node-indexed arrays rather than node objects: one Map per node for transitions, plain numbers
  // elsewhere, so matching allocates nothing but the hits it reports.
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern ids ending at a node, including those reached through failure links. */
  private readonly out: number[][] = [[]];
  private readonly lengths: number[] = [];
  /** Root transitions as a table: most characters of a text start no keyword, and this is the hot path. */
  private readonly rootNext = new Int32Array(0x10000);
  private built = false;

  /** Adds a pattern and returns its id (ids count from 0 in insertion order). */
  add(pattern: string): number {
    if (this.built) throw new Error('AhoCorasick: add() after build()');
    if (pattern.length === 0) throw new Error('AhoCorasick: empty pattern');
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      let child = this.next[node]!.get(c);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.out.push([]);
        this.next[node]!.set(c, child);
      }
      node = child;
    }
    const id = this.lengths.length;
    this.lengths.push(pattern.length);
    this.out[node]!.push(id);
    return id;
  }

  build(): this {
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!;
      for (const [c, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const inherited = this.out[this.fail[child]!]!;
        if (inherited.length > 0) this.out[child] = this.out[child]!.concat(inherited);
        queue.push(child);
      }
    }
    for (const [c, child] of this.next[0]!) this.rootNext[c] = child;
    this.built = true;
    return this;
  }

  patternLength(id: number): number {
    return this.lengths[id]!;
  }

  /** Calls `onMatch(start, end, id)` for every occurrence of every pattern (end exclusive). */
  scan(text: string, onMatch: (start: number, end: number, id: number) => void): void {
    if (!this.built) this.build();
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let child = node === 0 ? this.rootNext[c]! : this.next[node]!.get(c);
      while (child === undefined && node !== 0) {
        node = this.fail[node]!;
        child = node === 0 ? this.rootNext[c]! : this.next[node]!.get(c);
      }
      node = child ?? 0;
      const ids = this.out[node]!;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        onMatch(i + 1 - this.lengths[id]!, i + 1, id);
      }
    }
  }
}
