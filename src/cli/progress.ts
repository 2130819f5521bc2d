/**
 * Progress of long work (imports, training, crawls) on stderr: a redrawn line on a terminal, a plain
 * line every few seconds otherwise (so CI logs and `2> file` stay readable), nothing when quiet.
 */
export interface Progress {
  /** Sets how far the work is; `total` may be unknown (a stream). */
  update(done: number, detail?: string): void;
  /** Ends the line with a final message. */
  finish(message?: string): void;
}

export function createProgress(
  label: string,
  options: { total?: number | undefined; stream?: NodeJS.WriteStream; quiet?: boolean; intervalMs?: number } = {},
): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.quiet) return { update() {}, finish() {} };
  const tty = Boolean(stream.isTTY);
  const interval = options.intervalMs ?? (tty ? 100 : 5000);
  const started = Date.now();
  let last = 0;
  let lastLine = '';

  const render = (done: number, detail?: string) => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    const total = options.total;
    let bar = '';
    if (total && total > 0) {
      const frac = Math.min(1, done / total);
      const width = 24;
      const filled = Math.round(frac * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0)}% `;
    }
    return `${label} ${bar}${done.toLocaleString('en-US')}${total ? `/${total.toLocaleString('en-US')}` : ''} (${rate.toLocaleString('en-US')}/s)${detail ? ` ${detail}` : ''}`;
  };

  return {
    update(done, detail) {
      const now = Date.now();
      if (now - last < interval) return;
      last = now;
      lastLine = render(done, detail);
      stream.write(tty ? `\r\x1b[K${lastLine}` : `${lastLine}\n`);
    },
    finish(message) {
      const text = message ?? lastLine;
      if (tty) stream.write(`\r\x1b[K${text}\n`);
      else if (text) stream.write(`${text}\n`);
    },
  };
}
