import { describe, expect, it } from 'vitest';
import { computeMetrics, confusion } from '../../src/backtest/computeMetrics';
import type { ConfusionRow, ModelSummary, ScoredLead } from '../../src/backtest/types';

const MODEL: ModelSummary = {
  id: 'tiny', version: 'tiny@1', name: 'Tiny', max: 4, minScore: 3, grades: ['A', 'B'], criteria: [{ key: 'need', label: 'Need' }],
};
const PERFECT = { key: '0:p', label: 'Perfect', points: 2, rank: 0 };
const LOW = { key: '0:l', label: 'Low', points: 1, rank: 2 };
const UNKNOWN = { key: 'unknown', label: 'unknown', points: null, rank: 0 };

/** Five leads whose every number below was worked out by hand. */
const LEADS: ScoredLead[] = [
  { score: 4, qualified: true, grade: 'A', won: true, answers: [PERFECT] },
  { score: 3, qualified: false, grade: 'A', won: false, answers: [PERFECT] },
  { score: 3, qualified: true, grade: 'A', won: true, answers: [LOW] },
  { score: 1, qualified: false, grade: 'B', won: true, answers: [UNKNOWN] },
  { score: 0, qualified: false, grade: 'B', won: false, answers: [LOW] },
];

const row = (threshold: number, tp: number, fp: number, tn: number, fn: number, precision: number | null, recall: number | null, f1: number | null, flagged: number | null): ConfusionRow =>
  ({ threshold, tp, fp, tn, fn, precision, recall, f1, flagged });

function expectRow(actual: ConfusionRow | null | undefined, expected: ConfusionRow) {
  expect(actual).not.toBeNull();
  const { precision, recall, f1, flagged, ...counts } = actual as ConfusionRow;
  const { precision: p, recall: r, f1: f, flagged: g, ...wanted } = expected;
  expect(counts).toEqual(wanted);
  for (const [got, want] of [[precision, p], [recall, r], [f1, f], [flagged, g]] as const) {
    if (want === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(want, 10);
  }
}

describe('computeMetrics on five hand-computed leads', () => {
  const metrics = computeMetrics(MODEL, LEADS, 0.7);

  it('counts leads, wins and the overall win rate', () => {
    expect([metrics.leads, metrics.won, metrics.lost, metrics.winRate]).toEqual([5, 3, 2, 0.6]);
  });

  it.each([
    row(0, 3, 2, 0, 0, 3 / 5, 1, 6 / 8, 1),
    row(1, 3, 1, 1, 0, 3 / 4, 1, 6 / 7, 4 / 5),
    row(2, 2, 1, 1, 1, 2 / 3, 2 / 3, 4 / 6, 3 / 5),
    row(3, 2, 1, 1, 1, 2 / 3, 2 / 3, 4 / 6, 3 / 5),
    row(4, 1, 0, 2, 2, 1, 1 / 3, 2 / 4, 1 / 5),
  ])('flags leads scoring at least $threshold: tp $tp, fp $fp, tn $tn, fn $fn', (expected) => {
    expectRow(metrics.thresholds[expected.threshold], expected);
  });

  it('has one row per threshold from 0 to the maximum score', () => {
    expect(metrics.thresholds.map((r) => r.threshold)).toEqual([0, 1, 2, 3, 4]);
  });

  it("scores the model's own verdict (qualified) at its minimum score", () => {
    expectRow(metrics.verdict, row(3, 2, 0, 2, 1, 1, 2 / 3, 4 / 5, 2 / 5));
  });

  it('picks the threshold with the best F1', () => {
    expect(metrics.bestF1?.threshold).toBe(1);
  });

  it.each([
    [0.5, 0],
    [0.7, 1],
    [0.9, 4],
    [1, 4],
  ])('finds the lowest threshold with precision at least %s: %s', (target, threshold) => {
    expect(computeMetrics(MODEL, LEADS, target).minPrecision).toMatchObject({ target, row: { threshold } });
  });

  it('finds no threshold when no precision reaches the target', () => {
    expect(computeMetrics(MODEL, LEADS, 1.01).minPrecision.row).toBeNull();
  });

  it('gives the win rate per grade, in model order', () => {
    expect(metrics.grades).toEqual([
      { grade: 'A', count: 3, won: 2, winRate: 2 / 3 },
      { grade: 'B', count: 2, won: 1, winRate: 1 / 2 },
    ]);
  });

  it('gives win rate and lift per answer, higher points first and unknown last', () => {
    const [need] = metrics.criteria;
    expect(need?.answers.map((a) => [a.answer, a.label, a.count, a.won])).toEqual([
      ['0:p', 'Perfect', 2, 1], ['0:l', 'Low', 2, 1], ['unknown', 'unknown', 1, 1],
    ]);
    expect(need?.answers.map((a) => a.winRate)).toEqual([0.5, 0.5, 1]);
    need?.answers.forEach((a, i) => expect(a.lift).toBeCloseTo([0.5 / 0.6, 0.5 / 0.6, 1 / 0.6][i] as number, 10));
  });

  it('bins won and lost scores in ten bins from 0 to the maximum, the maximum in the last', () => {
    expect(metrics.distribution).toHaveLength(10);
    expect(metrics.distribution[0]).toEqual({ from: 0, to: 0.4, won: 0, lost: 1 });
    expect(metrics.distribution.map((b) => b.won)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0, 1]);
    expect(metrics.distribution.map((b) => b.lost)).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(metrics.distribution[9]).toMatchObject({ from: 3.6, to: 4 });
  });
});

describe('edge cases', () => {
  it('leaves rates that divide by zero null instead of guessing', () => {
    const metrics = computeMetrics(MODEL, [], 0.5);
    expect(metrics.winRate).toBeNull();
    expectRow(metrics.thresholds[0], row(0, 0, 0, 0, 0, null, null, null, null));
    expect(metrics.bestF1).toBeNull();
    expect(metrics.grades.map((g) => g.winRate)).toEqual([null, null]);
  });

  it('has no recall and no lift when nothing was won, but F1 0 once a lead is flagged', () => {
    const lost = LEADS.map((lead) => ({ ...lead, won: false }));
    const metrics = computeMetrics(MODEL, lost, 0.5);
    expectRow(metrics.thresholds[4], row(4, 0, 1, 4, 0, 0, null, 0, 1 / 5));
    expect(metrics.criteria[0]?.answers.every((a) => a.lift === null)).toBe(true);
  });

  it('lists a grade the model does not define after its own grades', () => {
    const metrics = computeMetrics(MODEL, [{ ...LEADS[0]!, grade: 'Z' }], 0.5);
    expect(metrics.grades.map((g) => [g.grade, g.count])).toEqual([['A', 0], ['B', 0], ['Z', 1]]);
  });

  it('counts a flag rule exactly as given, whatever the threshold field says', () => {
    expectRow(confusion(99, LEADS, (lead) => lead.grade === 'B'), row(99, 1, 1, 1, 2, 1 / 2, 1 / 3, 2 / 5, 2 / 5));
  });
});
