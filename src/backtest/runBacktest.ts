import { rollupCommittee } from '../committee';
import { compileModel, readOverride, scoreLead, totalMax } from '../engine';
import type { Model } from '../engine';
import { answerBucket } from './answerBucket';
import { computeMetrics } from './computeMetrics';
import type { BacktestDeal, BacktestLead, BacktestReport, BadRow, ModelSummary, ScoredLead } from './types';
import { resolveText } from '../i18n';

export interface BacktestInput<Lead extends BacktestLead | BacktestDeal = BacktestLead> {
  source: 'csv' | 'portal';
  /** The file or portal the leads came from, for the report's heading. */
  name: string;
  /** Rows read, good and bad. */
  rows: number;
  outcomeColumn: string | null;
  leads: Lead[];
  badRows: BadRow[];
}

/**
 * Scores historical leads with each model as if they were qualified at `now` and measures the
 * result against what happened. A lead with an answer some model cannot read (an invalid value)
 * becomes a bad row for every model, so models are always compared on the same leads. Pure.
 * @example runBacktest(input, [BANT_DEFAULT], new Date(), 0.5).models[0].verdict.recall
 */
export function runBacktest(input: BacktestInput<BacktestLead | BacktestDeal>, models: readonly Model[], now: Date, minPrecision: number): BacktestReport {
  const badRows = [...input.badRows];
  const scored: ScoredLead[][] = models.map(() => []);
  const compiled = models.map(compileModel);
  for (const lead of input.leads) {
    // A closed deal's committee is rolled up as of just before it closed, explained; a lead takes the fast path.
    const results = 'committee' in lead
      ? models.map((model) => rollupCommittee(model, lead.committee, lead.asOf))
      : compiled.map((model) => model.score(lead.lead, now));
    // Explained only where a person needs the reason: a value some model cannot read.
    const problems = results.flatMap((result, m) => !result.criteria.some((c) => c.status === 'invalid') ? [] : ('committee' in lead ? rollupCommittee(models[m]!, lead.committee, lead.asOf) : scoreLead(models[m]!, lead.lead, now)).criteria
      .filter((c) => c.status === 'invalid')
      .map((c) => `${models.length > 1 ? `${models[m]?.id} ` : ''}${c.key}: ${c.reason}`));
    if (problems.length > 0) {
      badRows.push({ row: lead.row, id: lead.id, reason: problems.join('; ') });
      continue;
    }
    results.forEach((result, m) => {
      const model = models[m] as Model;
      // A rep's verdict by hand counts whether or not it still applies: the question is whether reps were right.
      const override = 'committee' in lead ? null : readOverride({ overrides: { who: 'editors', routing: 'computed' } }, lead.lead.contact, now)?.verdict ?? null;
      scored[m]?.push({
        override,
        score: result.score,
        qualified: result.qualified,
        grade: result.grade,
        won: lead.won,
        answers: model.criteria.map((criterion, c) => answerBucket(criterion, result.criteria[c] as (typeof result.criteria)[number])),
      });
    });
  }
  badRows.sort((a, b) => a.row - b.row);
  const used = scored[0]?.length ?? 0;
  const won = (scored[0] ?? []).filter((lead) => lead.won).length;
  return {
    input: { source: input.source, name: input.name, rows: input.rows, used, skipped: badRows.length, outcomeColumn: input.outcomeColumn, now: now.toISOString() },
    warnings: sampleWarnings(won, used - won),
    badRows,
    models: models.map((model, m) => computeMetrics(summarize(model), scored[m] ?? [], minPrecision)),
  };
}

/** Below this many won or lost leads, rates move by several points when a few leads change. */
export const MIN_TRUSTED_OUTCOMES = 30;

function sampleWarnings(won: number, lost: number): string[] {
  if (won >= MIN_TRUSTED_OUTCOMES && lost >= MIN_TRUSTED_OUTCOMES) return [];
  return [`only ${won} won and ${lost} lost lead${lost === 1 ? '' : 's'} were scored: with fewer than ${MIN_TRUSTED_OUTCOMES} of either, a few leads more or less move these rates a lot, so treat them as a hint; add closed leads (a longer period) before trusting them`];
}

function summarize(model: Model): ModelSummary {
  return {
    id: model.id,
    version: model.version,
    name: resolveText(model.name, 'en'),
    max: totalMax(model),
    minScore: model.qualification.minScore,
    grades: [...model.grades].sort((a, b) => b.min - a.min).map((g) => g.grade),
    criteria: model.criteria.map((c) => ({ key: c.key, label: resolveText(c.label, 'en') })),
  };
}
