import type { BacktestReport, ConfusionRow, ModelMetrics, VerdictRow } from './types';

/**
 * The backtest as a person reads it in a terminal: what was read, each model's verdict, best-F1
 * and minimum-precision thresholds side by side, every threshold, win rate per grade and per
 * criterion answer, then the rows that were skipped and why.
 * @example process.stdout.write(formatBacktestText(runBacktest(input, [model], now, 0.5)))
 */
export function formatBacktestText(report: BacktestReport): string {
  const out: string[] = [];
  const { input } = report;
  const first = report.models[0];
  out.push(`Backtest of ${input.name}: ${input.rows} row${input.rows === 1 ? '' : 's'}, ${input.used} lead${input.used === 1 ? '' : 's'} scored as of ${input.now}${input.skipped > 0 ? `, ${input.skipped} skipped (listed at the end)` : ''}`);
  if (first) out.push(`Outcomes: ${first.won} won, ${first.lost} lost, win rate ${percent(first.winRate)}`);
  for (const warning of report.warnings) out.push(`Warning: ${warning}`);
  out.push('');

  const compare = report.models.length > 1;
  const summary: string[][] = [];
  const add = (what: string, pick: (m: ModelMetrics) => { rule: string; row: ConfusionRow | null }) => report.models.forEach((m, i) => {
    const { rule, row } = pick(m);
    const rates = row ? [percent(row.precision), percent(row.recall), percent(row.f1), percent(row.flagged), ...[row.tp, row.fp, row.tn, row.fn].map(String)] : ['', '', '', '', '', '', '', ''];
    summary.push([i === 0 ? what : '', ...(compare ? [m.model.version] : []), rule, ...rates]);
  });
  add('Verdict', (m) => ({ rule: 'qualified', row: m.verdict }));
  add('Best F1', (m) => ({ rule: m.bestF1 ? `score ≥ ${m.bestF1.threshold}` : 'none', row: m.bestF1 }));
  add(`Precision ≥ ${percent(first?.minPrecision.target ?? null)}`, (m) => ({ rule: m.minPrecision.row ? `score ≥ ${m.minPrecision.row.threshold}` : 'none reaches it', row: m.minPrecision.row }));
  out.push(table(['', ...(compare ? ['model'] : []), 'rule', 'precision', 'recall', 'F1', 'flags', 'TP', 'FP', 'TN', 'FN'], summary, true, compare ? 3 : 2));
  out.push('');

  out.push('Every threshold (flag leads scoring at least this much):');
  const maxRows = Math.max(...report.models.map((m) => m.thresholds.length));
  const head = ['score ≥', ...report.models.flatMap((m) => (compare ? [`${m.model.id}: TP/FP/TN/FN`, 'precision', 'recall', 'F1', 'flagged'] : ['TP', 'FP', 'TN', 'FN', 'precision', 'recall', 'F1', 'flagged']))];
  const rows = Array.from({ length: maxRows }, (_, t) => [String(t), ...report.models.flatMap((m) => {
    const r = m.thresholds[t];
    if (!r) return compare ? ['', '', '', '', ''] : ['', '', '', '', '', '', '', ''];
    const counts = compare ? [`${r.tp}/${r.fp}/${r.tn}/${r.fn}`] : [r.tp, r.fp, r.tn, r.fn].map(String);
    return [...counts, percent(r.precision), percent(r.recall), percent(r.f1), percent(r.flagged)];
  })]);
  out.push(table(head, rows, true));
  out.push('');

  for (const metrics of report.models) out.push(...modelDetail(metrics, compare));
  for (const metrics of report.models) out.push(...overrideDetail(metrics, compare));

  if (report.badRows.length > 0) {
    out.push(`Skipped rows (${report.badRows.length}):`);
    for (const bad of report.badRows) out.push(`  row ${bad.row}${bad.id ? ` (id ${bad.id})` : ''}: ${bad.reason}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function modelDetail(metrics: ModelMetrics, named: boolean): string[] {
  const out: string[] = [];
  const title = named ? ` (${metrics.model.name})` : '';
  out.push(`Win rate by grade${title}:`);
  out.push(table(['grade', 'leads', 'won', 'win rate'], metrics.grades.map((g) => [g.grade, String(g.count), String(g.won), percent(g.winRate)]), true));
  out.push('');
  out.push(`Win rate by answer${title} (lift = the answer's win rate ÷ the overall ${percent(metrics.winRate)}):`);
  for (const criterion of metrics.criteria) {
    out.push(`  ${criterion.label}`);
    out.push(table(['answer', 'leads', 'won', 'win rate', 'lift'], criterion.answers.map((a) => [a.label, String(a.count), String(a.won), percent(a.winRate), a.lift === null ? '—' : a.lift.toFixed(2)]), true)
      .split('\n').map((line) => `  ${line}`).join('\n'));
  }
  out.push('');
  return out;
}

/** The leads a rep overrode, apart: were the hand-set verdicts right more often than the model's? */
function overrideDetail(metrics: ModelMetrics, named: boolean): string[] {
  const o = metrics.overrides;
  const title = named ? ` (${metrics.model.name})` : '';
  if (o.leads === 0) return [`Verdicts set by hand${title}: none among these leads.`, ''];
  const row = (label: string, r: VerdictRow) => [label, String(r.count), String(r.won), percent(r.winRate)];
  return [
    `Verdicts set by hand${title}: ${o.leads} lead${o.leads === 1 ? '' : 's'} (${o.won} won), reported apart; the figures above are the model's own verdict on every lead.`,
    table(['verdict', 'leads', 'won', 'win rate'], [
      row('set to Qualified by hand', o.byHand.qualified),
      row('set to Not qualified by hand', o.byHand.notQualified),
      row('the model said Qualified', o.byModel.qualified),
      row('the model said Not qualified', o.byModel.notQualified),
    ], true),
    `  Right (qualified and won, or not qualified and lost): by hand ${o.handRight} of ${o.leads} (${percent(o.handAccuracy)}), the model ${o.modelRight} of ${o.leads} (${percent(o.modelAccuracy)}); they disagreed on ${o.disagreements}.`,
    '',
  ];
}

/** A fraction as a percentage with one decimal; "—" when undefined. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

function table(head: string[], rows: string[][], alignNumbers = false, textColumns = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => {
    const width = widths[i] ?? 0;
    return alignNumbers && i >= textColumns ? cell.padStart(width) : cell.padEnd(width);
  }).join('  ').trimEnd()}`;
  return [line(head), ...rows.map(line)].join('\n');
}
