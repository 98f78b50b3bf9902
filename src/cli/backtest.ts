import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBacktestText } from '../backtest/formatBacktestText';
import { readBacktestCsv } from '../backtest/readBacktestCsv';
import { readPortalLeads } from '../backtest/readPortalLeads';
import { renderBacktestHtml } from '../backtest/renderBacktestHtml';
import { runBacktest } from '../backtest/runBacktest';
import type { BacktestInput } from '../backtest/runBacktest';
import { CrmError } from '../crm';
import { crmFromEnv } from './crmFromEnv';
import { loadModel, readText, UsageError, write } from './io';
import type { CliIo } from './io';

export const BACKTEST_HELP = `bant backtest <export.csv> | --from-portal [options]

Scores closed leads with today's model and compares the result with what happened: precision,
recall and F1 of the verdict and of every score threshold, win rate per grade, win rate and lift
per criterion answer.

Input, one of:
  <export.csv>             a HubSpot export ("-" for stdin): one row per contact, the model's
                           properties as columns (bant_budget, ...; deal.amount, deal.closedate for
                           deal sources) and an outcome column: won/lost, 1/0, true/false or yes/no
  --from-portal            the portal's contacts with closed deals (won if any deal is closed won),
                           read with PRIVATE_APP_ACCESS_TOKEN from HUBSPOT_API_BASE_URL

Options:
  --outcome-column <name>  the CSV's outcome column (default: outcome)
  --model <file>           the model to test (default: the active model)
  --compare <file>         a second model, reported side by side
  --min-precision <p>      find the lowest threshold with at least this precision (default 0.5; 0.6 or 60%)
  --now <date-time>        score as of this instant (default: now); date windows count from it
  --json                   print the whole report as one JSON object
  --html <file>            also write a self-contained HTML report with charts

Rows without a usable outcome, or with a value the model cannot read, are skipped and listed with
their row number. Exit status: 0 every row used, 1 some rows skipped, 2 nothing to score or bad input.`;

/** \`bant backtest\`: reads closed leads (CSV or portal), scores them with one or two models, prints the report. */
export async function backtestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'from-portal': { type: 'boolean' },
      'outcome-column': { type: 'string', default: 'outcome' },
      model: { type: 'string' },
      compare: { type: 'string' },
      'min-precision': { type: 'string', default: '0.5' },
      now: { type: 'string' },
      json: { type: 'boolean' },
      html: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${BACKTEST_HELP}\n`);
    return 0;
  }
  const fromPortal = values['from-portal'] === true;
  if (fromPortal && positionals.length > 0) throw new UsageError(`give a CSV file or --from-portal, not both (got ${positionals.join(' ')})`);
  if (!fromPortal && positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'give the CSV export to test (or "-" for stdin), or --from-portal' : `bant backtest takes one CSV file, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const minPrecision = parseFraction(values['min-precision']);
  const now = parseNow(values.now);
  const models = [await loadModel(values.model), ...(values.compare ? [await loadModel(values.compare)] : [])];

  let input: BacktestInput;
  if (fromPortal) {
    const { crm, baseUrl } = crmFromEnv(io.env);
    try {
      input = await readPortalLeads(crm, models, baseUrl);
    } catch (error) {
      if (error instanceof CrmError) throw new UsageError(`could not read the portal's closed leads: ${error.message}`);
      throw error;
    }
  } else {
    const file = positionals[0] as string;
    const read = readBacktestCsv(await readText(file, io.stdin), models, values['outcome-column'], file === '-' ? 'stdin' : file);
    if (!read.ok) throw new UsageError(read.message);
    input = read.input;
  }

  const report = runBacktest(input, models, now, minPrecision);
  if (report.input.used === 0) {
    const reasons = report.badRows.slice(0, 5).map((bad) => `\n  row ${bad.row}: ${bad.reason}`).join('');
    throw new UsageError(fromPortal
      ? `no closed leads to test: no contact in ${input.name} has a closed won or closed lost deal${reasons}`
      : `no row of ${input.name} can be scored (${report.badRows.length} skipped)${reasons}`);
  }
  await write(io.stdout, values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBacktestText(report));
  if (values.html) {
    try {
      await mkdir(dirname(values.html), { recursive: true });
      await writeFile(values.html, renderBacktestHtml(report));
    } catch (error) {
      throw new UsageError(`cannot write ${values.html}: ${(error as Error).message}`);
    }
    await write(io.stderr, `bant backtest: wrote the HTML report to ${values.html}\n`);
  }
  if (report.badRows.length > 0) {
    await write(io.stderr, `bant backtest: ${report.badRows.length} of ${report.input.rows} row(s) skipped (${values.json ? 'see "badRows"' : 'listed at the end'}); fix them in the export and run again\n`);
    return 1;
  }
  return 0;
}

/** "0.6" or "60%" → 0.6; anything outside 0..1 is refused. */
function parseFraction(text: string): number {
  const trimmed = text.trim();
  const value = trimmed.endsWith('%') ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--min-precision "${text}" is not a precision; give a fraction from 0 to 1 (0.6) or a percentage (60%)`);
  }
  return value;
}

export function parseNow(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text.trim()) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--now "${text}" is not a date-time; use ISO 8601 such as 2026-11-23T10:00:00Z`);
  }
  return date;
}
