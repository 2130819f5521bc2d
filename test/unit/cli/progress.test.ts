import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.ts';

/** A stderr that records what is written, and a clock the test moves. */
function setup(tty: boolean) {
  let out = '';
  let t = 0;
  const stream = { isTTY: tty, write: (s: string) => ((out += s), true) };
  return {
    stream,
    now: () => t,
    advance: (ms: number) => (t += ms),
    /** What a terminal shows: each line as last redrawn. */
    screen: () => out.split('\n').map((l) => l.split('\r\x1b[K').at(-1)!).filter((l, i, all) => l !== '' || i < all.length - 1),
    raw: () => out,
  };
}

describe('createProgress', () => {
  it('ends an import on the state it reached, not on the last line it had time to draw', () => {
    const io = setup(false);
    const storing = createProgress('storing', { total: 5, stream: io.stream, now: io.now });
    storing.update(0);
    io.advance(40);
    storing.update(5);
    storing.finish();
    expect(io.screen()).toEqual(['storing [........................] 0% 0/5', 'storing [########################] 100% 5/5']);
  });

  it('shows no rate until it has watched the work for a second, and then only the work it watched', () => {
    const io = setup(true);
    const storing = createProgress('storing', { total: 100_000, stream: io.stream, now: io.now });
    io.advance(3);
    storing.update(4_500); // stored while the file was still being read
    io.advance(500);
    storing.update(9_500);
    io.advance(1500);
    storing.update(24_500);
    expect(io.raw()).not.toMatch(/ 4,500\/100,000 \(/);
    expect(io.raw()).not.toMatch(/ 9,500\/100,000 \(/);
    expect(io.screen().at(-1)).toBe('storing [######..................] 24% 24,500/100,000 (10,000/s)');
  });

  it('gives the seconds each item takes where items take longer than a second', () => {
    const io = setup(false);
    const folds = createProgress('cross-validating (folds)', { total: 15, stream: io.stream, now: io.now, intervalMs: 0 });
    folds.update(1);
    io.advance(13_000);
    folds.update(3);
    expect(io.screen().at(-1)).toBe('cross-validating (folds) [#####...................] 20% 3/15 (6.5 s each)');
    // A wait with nothing finished lengthens the time each takes, as it would a rate's fall.
    io.advance(4_000);
    folds.update(3);
    expect(io.screen().at(-1)).toBe('cross-validating (folds) [#####...................] 20% 3/15 (8.5 s each)');
  });

  it('ends training at 100% in a log, above the summary, with the last detail', () => {
    const io = setup(false);
    const training = createProgress('training', { total: 30_000, stream: io.stream, now: io.now });
    for (let done = 2_000, epoch = 1; done <= 30_000; done += 2_000) {
      io.advance(1_000);
      training.update(done, done % 10_000 === 0 ? `epoch ${epoch++}` : undefined);
    }
    training.finish('trained on 10000 reviews in 15.0 s');
    const lines = io.screen();
    // A line every 5 s of a 15 s run, then where it ended, then the summary.
    expect(lines.at(-2)).toBe('training [########################] 100% 30,000/30,000 (2,000/s) epoch 3');
    expect(lines.at(-1)).toBe('trained on 10000 reviews in 15.0 s');
    expect(lines.filter((l) => l.includes('100%'))).toHaveLength(1);
  });

  it('on a terminal lets the summary take the bar\'s place, and prints nothing when quiet', () => {
    const io = setup(true);
    const p = createProgress('training', { total: 10, stream: io.stream, now: io.now });
    p.update(3);
    p.finish('trained');
    expect(io.screen()).toEqual(['trained']);
    const quiet = setup(true);
    const q = createProgress('storing', { total: 10, stream: quiet.stream, now: quiet.now, quiet: true });
    q.update(10);
    q.finish('done');
    expect(quiet.raw()).toBe('');
  });
});
