/**
 * The vocabulary of a backtest: closed leads with their real outcome, scored with today's model,
 * and the numbers that say how well the score and the verdict would have predicted who bought.
 * Every rate is a fraction from 0 to 1, or null when it divides by zero.
 */
import type { CommitteeInput } from '../committee';
import type { LeadRecord, Verdict } from '../engine';

/** One historical lead: what HubSpot knew about it and whether it became a customer. */
export interface BacktestLead {
  /** Where it came from: the CSV row (the header is row 1, as in a spreadsheet) or the n-th portal contact. */
  row: number;
  /** The HubSpot record id when the input has one. */
  id: string | null;
  lead: LeadRecord;
  won: boolean;
}

/** One closed deal and its committee as they were known at `asOf`, just before it closed: scored as of then. */
export interface BacktestDeal {
  /** The n-th closed deal of the portal. */
  row: number;
  id: string;
  committee: CommitteeInput;
  asOf: Date;
  won: boolean;
}

/** A row that could not be used, and why; never dropped silently. */
export interface BadRow {
  row: number;
  id: string | null;
  reason: string;
}

/** Where a lead's answer to one criterion falls, for the per-answer win rates. */
export interface AnswerBucket {
  key: string;
  label: string;
  /** Sort keys: higher points first, unknown last; then the rule's own order (option, band, window). */
  points: number | null;
  rank: number;
}

/** One lead as the metrics see it: the model's output and the real outcome. */
export interface ScoredLead {
  score: number;
  qualified: boolean;
  grade: string;
  won: boolean;
  /** One bucket per criterion, in model order. */
  answers: AnswerBucket[];
  /** The verdict a rep set by hand on the lead (`bant_override`), applying or not; null when none. */
  override?: Verdict | null;
}

/** A confusion matrix and its rates, for "flag leads scoring ≥ threshold" or for the verdict. */
export interface ConfusionRow {
  threshold: number;
  /** Flagged and won. */
  tp: number;
  /** Flagged and lost. */
  fp: number;
  /** Not flagged and lost. */
  tn: number;
  /** Not flagged and won. */
  fn: number;
  /** tp ÷ flagged; null when nothing is flagged. */
  precision: number | null;
  /** tp ÷ won; null when nothing was won. */
  recall: number | null;
  /** 2tp ÷ (2tp + fp + fn), the harmonic mean of precision and recall; null when both are undefined. */
  f1: number | null;
  /** Share of all leads flagged. */
  flagged: number | null;
}

export interface GradeRow {
  grade: string;
  count: number;
  won: number;
  winRate: number | null;
}

export interface AnswerRow {
  answer: string;
  label: string;
  count: number;
  won: number;
  winRate: number | null;
  /** winRate ÷ the overall win rate: above 1 the answer goes with buying, below 1 against it. */
  lift: number | null;
}

export interface CriterionRows {
  key: string;
  label: string;
  answers: AnswerRow[];
}

export interface DistributionBin {
  /** Inclusive. */
  from: number;
  /** Exclusive, except the last bin, which includes the model's maximum. */
  to: number;
  won: number;
  lost: number;
}

export interface ModelSummary {
  id: string;
  version: string;
  name: string;
  max: number;
  minScore: number;
  grades: string[];
  criteria: Array<{ key: string; label: string }>;
}

/** Leads of one verdict and how many of them were won. */
export interface VerdictRow {
  count: number;
  won: number;
  winRate: number | null;
}

/**
 * The leads whose verdict a rep set by hand, apart from the rest: how often those hand-set
 * verdicts were right, and how often the model's own verdict on the same leads would have been.
 */
export interface OverrideMetrics {
  leads: number;
  won: number;
  /** Set to Qualified / Not qualified by hand. */
  byHand: { qualified: VerdictRow; notQualified: VerdictRow };
  /** The model's own verdict on the same leads. */
  byModel: { qualified: VerdictRow; notQualified: VerdictRow };
  /** Leads where the hand-set verdict differs from the model's. */
  disagreements: number;
  /** Of all overridden leads, how many the hand-set verdict got right (qualified and won, or not qualified and lost), and the share. */
  handRight: number;
  handAccuracy: number | null;
  /** The same for the model's verdict. */
  modelRight: number;
  modelAccuracy: number | null;
}

/** Everything a backtest says about one model. */
export interface ModelMetrics {
  model: ModelSummary;
  leads: number;
  won: number;
  lost: number;
  winRate: number | null;
  /** The model's own verdict (qualified); `threshold` is the model's minimum score, and every criterion must also be met. */
  verdict: ConfusionRow;
  /** One row per integer threshold from 0 to the model's maximum score. */
  thresholds: ConfusionRow[];
  /** The threshold with the highest F1 (the lowest one on a tie). */
  bestF1: ConfusionRow | null;
  /** The lowest threshold whose precision reaches the target. */
  minPrecision: { target: number; row: ConfusionRow | null };
  grades: GradeRow[];
  criteria: CriterionRows[];
  /** Scores of won and lost leads in ten bins from 0 to the maximum. */
  distribution: DistributionBin[];
  /**
   * The overridden leads reported apart (the figures above are the model's own verdict on every
   * lead, overridden or not).
   */
  overrides: OverrideMetrics;
}

/** A whole backtest: the input's account of itself and one entry per model (the second with --compare). */
export interface BacktestReport {
  input: {
    source: 'csv' | 'portal';
    name: string;
    rows: number;
    used: number;
    skipped: number;
    outcomeColumn: string | null;
    now: string;
  };
  /** What makes the numbers less trustworthy than they look, e.g. too few won or lost leads. */
  warnings: string[];
  badRows: BadRow[];
  models: ModelMetrics[];
}
