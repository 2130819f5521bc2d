/**
 * Progress of long work (imports, training, crawls) on stderr: a redrawn line on a terminal, a plain
 * line every few seconds otherwise (so CI logs and `2> file` stay readable), nothing when quiet.
 */
export interface Progress {
  /** Sets how far the work is; `total` may be unknown (a stream). `detail` stays until replaced. */
  update(done: number, detail?: string): void;
  /** Shows where the work ended (the last update, even one too soon to be drawn), then `message`. */
  finish(message?: string): void;
}

export interface ProgressOptions {
  total?: number | undefined;
  stream?: Pick<NodeJS.WriteStream, 'write' | 'isTTY'>;
  quiet?: boolean;
  /** Least time between two drawn lines (default: 100 ms on a terminal, 5 s otherwise). */
  intervalMs?: number;
  /** The clock, in milliseconds (tests). */
  now?: () => number;
}

/**
 * A rate is shown only over at least this much time: the first updates often report work done
 * before anyone watched (items stored while the file was still being read), which divided by a few
 * milliseconds gives millions per second.
 */
export const RATE_WINDOW_MS = 1000;

/** Items a second, or where each takes longer than a second (folds, pages), the seconds each takes. */
function formatRate(items: number, seconds: number): string {
  const perSecond = items / seconds;
  if (perSecond >= 1 || items === 0) return `${Math.round(perSecond).toLocaleString('en-US')}/s`;
  return `${(seconds / items).toFixed(1)} s each`;
}

export function createProgress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update() {}, finish() {} };
  const tty = Boolean(stream.isTTY);
  const interval = options.intervalMs ?? (tty ? 100 : 5000);
  const now = options.now ?? Date.now;
  const total = options.total;
  // The rate is measured from the first update: done then, and when.
  let first: { done: number; at: number } | undefined;
  let latest: { done: number; detail: string | undefined; at: number } | undefined;
  let drawnAt = -Infinity;
  let drawn: typeof latest;

  const render = (done: number, detail: string | undefined, at: number) => {
    let bar = '';
    if (total && total > 0) {
      const frac = Math.min(1, done / total);
      const width = 24;
      const filled = Math.round(frac * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(frac * 100)}% `;
    }
    const seconds = first ? (at - first.at) / 1000 : 0;
    const rate = seconds * 1000 >= RATE_WINDOW_MS ? ` (${formatRate(done - first!.done, seconds)})` : '';
    return `${label} ${bar}${done.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''}${rate}${detail ? ` ${detail}` : ''}`;
  };

  return {
    update(done, detail) {
      const at = now();
      first ??= { done, at };
      latest = { done, detail: detail ?? latest?.detail, at };
      if (at - drawnAt < interval) return;
      drawnAt = at;
      drawn = latest;
      const line = render(latest.done, latest.detail, latest.at);
      stream.write(tty ? `\r\x1b[K${line}` : `${line}\n`);
    },
    finish(message) {
      const last = latest ? render(latest.done, latest.detail, latest.at) : '';
      // On a terminal the message takes the bar's place; in a log the last state is kept above it.
      if (tty) {
        const text = message ?? last;
        if (text) stream.write(`\r\x1b[K${text}\n`);
        return;
      }
      if (latest && (latest.done !== drawn?.done || latest.detail !== drawn.detail)) stream.write(`${last}\n`);
      if (message) stream.write(`${message}\n`);
    },
  };
}
