import type {
  AnswerRow, ConfusionRow, CriterionRows, DistributionBin, GradeRow, ModelMetrics, ModelSummary, OverrideMetrics, ScoredLead, VerdictRow,
} from './types';

const BINS = 10;

/**
 * The backtest's numbers for one model: the verdict's and every threshold's confusion matrix with
 * precision, recall and F1, the best-F1 threshold, the lowest threshold reaching `minPrecision`,
 * win rate per grade, win rate and lift per criterion answer, and the score distributions of won
 * and lost leads. Pure: scored leads in, numbers out; rates are fractions, null when undefined.
 * @example
 * computeMetrics(summary, [{ score: 80, qualified: true, grade: 'A', won: true, answers: [] }], 0.5).verdict.precision // 1
 */
export function computeMetrics(model: ModelSummary, leads: readonly ScoredLead[], minPrecision: number): ModelMetrics {
  const won = leads.filter((lead) => lead.won).length;
  const winRate = ratio(won, leads.length);
  const thresholds = Array.from({ length: Math.floor(model.max) + 1 }, (_, threshold) =>
    confusion(threshold, leads, (lead) => lead.score >= threshold));
  let bestF1: ConfusionRow | null = null;
  for (const row of thresholds) {
    if (row.f1 !== null && (bestF1 === null || row.f1 > (bestF1.f1 ?? -1))) bestF1 = row;
  }
  return {
    model,
    leads: leads.length,
    won,
    lost: leads.length - won,
    winRate,
    verdict: confusion(model.minScore, leads, (lead) => lead.qualified),
    thresholds,
    bestF1,
    minPrecision: { target: minPrecision, row: thresholds.find((row) => row.precision !== null && row.precision >= minPrecision) ?? null },
    grades: gradeRows(model, leads),
    criteria: criterionRows(model, leads, winRate),
    distribution: distribution(model.max, leads),
    overrides: overrideMetrics(leads),
  };
}

/**
 * The leads a rep overrode, apart: the win rate of each hand-set verdict beside the model's verdict
 * on the same leads, and how often each was right.
 * @example overrideMetrics([{ score: 40, qualified: false, grade: 'C', won: true, answers: [], override: 'qualified' }]).handRight // 1
 */
export function overrideMetrics(leads: readonly ScoredLead[]): OverrideMetrics {
  const overridden = leads.filter((lead) => lead.override);
  const row = (picked: ScoredLead[]): VerdictRow => {
    const won = picked.filter((lead) => lead.won).length;
    return { count: picked.length, won, winRate: ratio(won, picked.length) };
  };
  const byHand = (verdict: 'qualified' | 'not_qualified') => row(overridden.filter((lead) => lead.override === verdict));
  const byModel = (qualified: boolean) => row(overridden.filter((lead) => lead.qualified === qualified));
  const handRight = overridden.filter((lead) => (lead.override === 'qualified') === lead.won).length;
  const modelRight = overridden.filter((lead) => lead.qualified === lead.won).length;
  return {
    leads: overridden.length,
    won: overridden.filter((lead) => lead.won).length,
    byHand: { qualified: byHand('qualified'), notQualified: byHand('not_qualified') },
    byModel: { qualified: byModel(true), notQualified: byModel(false) },
    disagreements: overridden.filter((lead) => (lead.override === 'qualified') !== lead.qualified).length,
    handRight,
    handAccuracy: ratio(handRight, overridden.length),
    modelRight,
    modelAccuracy: ratio(modelRight, overridden.length),
  };
}

/** The confusion matrix of one flagging rule. */
export function confusion(threshold: number, leads: readonly ScoredLead[], flag: (lead: ScoredLead) => boolean): ConfusionRow {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const lead of leads) {
    const flagged = flag(lead);
    if (flagged && lead.won) tp++;
    else if (flagged) fp++;
    else if (lead.won) fn++;
    else tn++;
  }
  return {
    threshold, tp, fp, tn, fn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    flagged: ratio(tp + fp, leads.length),
  };
}

function gradeRows(model: ModelSummary, leads: readonly ScoredLead[]): GradeRow[] {
  const known = new Set(model.grades);
  const extra = [...new Set(leads.map((lead) => lead.grade).filter((grade) => !known.has(grade)))];
  return [...model.grades, ...extra].map((grade) => {
    const inGrade = leads.filter((lead) => lead.grade === grade);
    const won = inGrade.filter((lead) => lead.won).length;
    return { grade, count: inGrade.length, won, winRate: ratio(won, inGrade.length) };
  });
}

function criterionRows(model: ModelSummary, leads: readonly ScoredLead[], overall: number | null): CriterionRows[] {
  return model.criteria.map((criterion, index) => {
    const buckets = new Map<string, { label: string; points: number | null; rank: number; count: number; won: number }>();
    for (const lead of leads) {
      const answer = lead.answers[index];
      if (!answer) continue;
      const bucket = buckets.get(answer.key) ?? { label: answer.label, points: answer.points, rank: answer.rank, count: 0, won: 0 };
      bucket.count++;
      if (lead.won) bucket.won++;
      buckets.set(answer.key, bucket);
    }
    const answers: AnswerRow[] = [...buckets]
      .sort(([, a], [, b]) => (b.points ?? -Infinity) - (a.points ?? -Infinity) || a.rank - b.rank || a.label.localeCompare(b.label))
      .map(([answer, bucket]) => {
        const winRate = ratio(bucket.won, bucket.count);
        return { answer, label: bucket.label, count: bucket.count, won: bucket.won, winRate, lift: winRate === null || !overall ? null : winRate / overall };
      });
    return { key: criterion.key, label: criterion.label, answers };
  });
}

function distribution(max: number, leads: readonly ScoredLead[]): DistributionBin[] {
  const width = max > 0 ? max / BINS : 1;
  const bins: DistributionBin[] = Array.from({ length: BINS }, (_, i) => ({ from: round(i * width), to: round((i + 1) * width), won: 0, lost: 0 }));
  for (const lead of leads) {
    const index = Math.min(BINS - 1, Math.max(0, Math.floor(lead.score / width)));
    const bin = bins[index] as DistributionBin;
    if (lead.won) bin.won++;
    else bin.lost++;
  }
  return bins;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
