import { describe, expect, it } from 'vitest';
import { formatProgressBar, formatProgressLine } from '../../src/rescore/formatProgress';

describe('progress', () => {
  it.each([
    [{ done: 0, doneThisRun: 0, total: 20_000, elapsedMs: 0 }, '[░░░░░░░░░░░░░░░░░░░░] 0/20,000  0%  0/s'],
    [{ done: 4_200, doneThisRun: 4_200, total: 20_000, elapsedMs: 11_000 }, '[████░░░░░░░░░░░░░░░░] 4,200/20,000  21%  382/s  0:42 left'],
    [{ done: 15_000, doneThisRun: 5_000, total: 20_000, elapsedMs: 10_000 }, '[███████████████░░░░░] 15,000/20,000  75%  500/s  0:10 left'],
    [{ done: 1_000, doneThisRun: 1_000, total: 1_000_000, elapsedMs: 10_000 }, '[░░░░░░░░░░░░░░░░░░░░] 1,000/1,000,000  0%  100/s  2:46:30 left'],
    [{ done: 300, doneThisRun: 300, total: null, elapsedMs: 2_000 }, '300 contacts  150/s'],
  ])('draws a bar with records, rate (this run only) and time left: %o', (progress, expected) => {
    expect(formatProgressBar(progress, 20)).toBe(expected);
  });

  it('writes a plain line for logs', () => {
    expect(formatProgressLine({ done: 4_200, doneThisRun: 4_200, total: 20_000, elapsedMs: 11_000 })).toBe('rescore: 4,200/20,000 contacts (21%), 382/s, about 0:42 left');
    expect(formatProgressLine({ done: 300, doneThisRun: 300, total: null, elapsedMs: 2_000 })).toBe('rescore: 300 contacts, 150/s');
  });
});
