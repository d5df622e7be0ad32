/**
 * Progress on stderr: one line updated in place (\r) on a terminal, ended with a newline; whole
 * lines (a few) when stderr is a file or a pipe, never one endless line.
 */
import * as path from 'path';
import { progressReporter } from '../../src/cli/progress';
import { saveWorkbook, workbookFromSheets } from '../../src/cli/xlsxWrite';
import { SHEETS } from '../../src/engine/ledger/types';
import { golden, goldenSheets } from '../ledger/golden';
import { runWith, tempDir } from './helpers';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, text: () => writes.join(''), isTTY, write: (t: string) => void writes.push(t) };
}

/** ESC [ K: clear to the end of the line. */
const CLEAR_LINE = '\u001b[K';
const label = (done: number, total: number) => `checking ${done}/${total}`;
const steps = (total: number, every: number) => {
  const out: number[] = [];
  for (let d = every; d < total; d += every) out.push(d);
  return [...out, total];
};

describe('progressReporter', () => {
  it('not a terminal: whole lines only, a handful of them, the last one complete', () => {
    const s = stream(false);
    const p = progressReporter(s, label);
    for (const d of steps(10002, 500)) p.update(d, 10002);
    p.end();
    expect(s.text()).not.toContain('\r');
    for (const w of s.writes)
      expect(w.endsWith('\n') && w.indexOf('\n') === w.length - 1).toBe(true);
    const lines = s.text().trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(5);
    expect(lines[lines.length - 1]).toBe('checking 10002/10002');
    for (const l of lines) expect(l).toMatch(/^checking \d+\/10002$/);
  });

  it('a terminal: one line rewritten with \\r, ended by one newline when done', () => {
    const s = stream(true);
    const p = progressReporter(s, label);
    const all = steps(10002, 500);
    all.slice(0, -1).forEach((d) => p.update(d, 10002));
    expect(s.text()).not.toContain('\n');
    expect(s.writes.every((w) => w.startsWith('\r'))).toBe(true);
    p.update(10002, 10002);
    p.end();
    p.end();
    expect(s.text().endsWith('checking 10002/10002\u001b[K\n')).toBe(true);
    expect(s.text().split('\n')).toHaveLength(2);
  });

  it('a terminal: end() closes a line left unfinished (stopped early), and writes nothing when nothing was shown', () => {
    const s = stream(true);
    const p = progressReporter(s, label);
    p.update(500, 10002);
    p.end();
    expect(s.text()).toBe('\rchecking 500/10002\u001b[K\n');
    const quiet = stream(true);
    progressReporter(quiet, label).end();
    expect(quiet.text()).toBe('');
  });
});

describe('kaohe check on a large ledger', () => {
  let file: string;
  beforeAll(async () => {
    const specs = goldenSheets().map((s) => {
      if (s.name !== SHEETS.towns) return s;
      const rows = [s.rows[0]!];
      for (let i = 0; i < 1200; i++)
        rows.push([`镇${i}`, ...s.rows[1 + (i % golden.towns.length)]!.slice(1)]);
      return { ...s, rows, validations: [] };
    });
    file = path.join(tempDir(), 'big.xlsx');
    await saveWorkbook(workbookFromSheets(specs), file);
  }, 60_000);

  it('stderr not a terminal: progress in whole lines, nothing run together', async () => {
    const r = await runWith({ errIsTTY: false }, 'check', file);
    expect(r.err).not.toContain('\r');
    const progress = r.err.split('\n').filter((l) => l.includes('checking'));
    expect(progress.length).toBeGreaterThan(0);
    for (const l of progress) expect(l).toMatch(/^检查 \/ checking \d+\/\d+$/);
  }, 60_000);

  it('stderr a terminal: one updating line, ended with a newline before anything else is printed', async () => {
    const r = await runWith({ errIsTTY: true }, 'check', file, '--lang', 'en');
    expect(r.err).toContain('\r');
    // A line with updates holds nothing but updates, and is ended by a newline.
    const lines = r.err.split('\n');
    expect(lines[lines.length - 1]).toBe('');
    for (const line of lines.filter((l) => l.includes('\r'))) {
      const [before, ...updates] = line.split('\r');
      expect(before).toBe('');
      for (const u of updates) {
        expect(u.endsWith(CLEAR_LINE)).toBe(true);
        expect(u.slice(0, -CLEAR_LINE.length)).toMatch(/^checking \/ 检查 \d+\/\d+$/);
      }
    }
    const [, done, total] = /checking \/ 检查 (\d+)\/(\d+)\S*\n/.exec(r.err) ?? [];
    expect(done).toBe(total);
  }, 60_000);
});
