/**
 * Progress on stderr. On a terminal, one line rewritten in place (`\r`, then clear to the end of
 * the line) and ended with a newline when done; on a file or a pipe (a log, CI), whole lines only,
 * at each quarter of the work, so a log never gets one endless line of `\r`-joined updates.
 */

/** Where progress goes: stderr, or a test's stand-in. */
export interface ProgressStream {
  write(text: string): void;
  readonly isTTY: boolean;
}

export interface ProgressReporter {
  /** `done` of `total` finished. */
  update(done: number, total: number): void;
  /** Ends an unfinished terminal line (the work stopped early or failed); idempotent. */
  end(): void;
}

/** Lines a non-terminal gets, at most: one per quarter of the work. */
const LOG_STEPS = 4;

/**
 * A reporter writing `label(done, total)` to `stream`.
 * @example progressReporter(process.stderr, (d, t) => `checking ${d}/${t}`).update(500, 10002)
 */
export function progressReporter(
  stream: ProgressStream,
  label: (done: number, total: number) => string,
): ProgressReporter {
  let lineOpen = false;
  let lastStep = 0;
  return {
    update(done, total) {
      const finished = done >= total;
      if (stream.isTTY) {
        stream.write(`\r${label(done, total)}\u001b[K${finished ? '\n' : ''}`);
        lineOpen = !finished;
        return;
      }
      const step = finished ? LOG_STEPS : Math.floor((done / total) * LOG_STEPS);
      if (step <= lastStep) return;
      lastStep = step;
      stream.write(`${label(done, total)}\n`);
    },
    end() {
      if (!lineOpen) return;
      lineOpen = false;
      stream.write('\n');
    },
  };
}
