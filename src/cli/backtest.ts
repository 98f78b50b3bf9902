import { mkdir, open, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { addAbortSignal } from 'node:stream';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { formatBacktestText } from '../backtest/formatBacktestText';
import { readBacktestCsv } from '../backtest/readBacktestCsv';
import { readPortalDeals } from '../backtest/readPortalDeals';
import { readPortalLeads } from '../backtest/readPortalLeads';
import { renderBacktestHtml } from '../backtest/renderBacktestHtml';
import { runBacktest } from '../backtest/runBacktest';
import type { BacktestInput } from '../backtest/runBacktest';
import type { BacktestDeal, BacktestLead } from '../backtest/types';
import { CrmError } from '../crm';
import { crmFromEnv } from './crmFromEnv';
import { interruptedStatus, loadModel, UsageError, write } from './io';
import { modelForCommand } from './modelSource';
import type { CliIo } from './io';

export const BACKTEST_HELP = `bant backtest <export.csv> | --from-portal [--object deals] [options]

Scores closed leads with today's model and compares the result with what happened: precision,
recall and F1 of the verdict and of every score threshold, win rate per grade, win rate and lift
per criterion answer.

Input, one of:
  <export.csv>             a HubSpot export ("-" for stdin): one row per contact, the model's
                           properties as columns (bant_budget, ...; deal.amount, deal.closedate for
                           deal sources) and an outcome column: won/lost, 1/0, true/false or yes/no
  --from-portal            the portal's contacts with closed deals (won if any deal is closed won),
                           read with PRIVATE_APP_ACCESS_TOKEN from HUBSPOT_API_BASE_URL
  --from-portal --object deals
                           the portal's closed deals, each scored with its buying committee as it
                           was known just before it closed (from property history where HubSpot
                           keeps it; contacts created later left out), won if closed won

Options:
  --outcome-column <name>  the CSV's outcome column (default: outcome)
  --delimiter <char>       the CSV's field separator (default: a comma, or ";" when the header
                           has more semicolons than commas; "\\t" for tabs)
  --model <file>           the model to test (default: the bundled model; with --from-portal, the
                           version published in the portal, or the bundled one while none is)
  --compare <file>         a second model, reported side by side
  --min-precision <p>      find the lowest threshold with at least this precision (default 0.5; 0.6 or 60%)
  --now <date-time>        score as of this instant (default: now); date windows count from it
  --json                   print the whole report as one JSON object
  --html <file>            also write a self-contained HTML report with charts

Rows without a usable outcome, or with a value the model cannot read, are skipped and listed with
their row number. With fewer than 30 won or 30 lost leads the report warns that its rates rest on
too few leads. Exit status: 0 every row used, 1 some rows skipped, 2 nothing to score or bad input,
130/143 stopped by Ctrl-C or SIGTERM.`;

/** \`bant backtest\`: reads closed leads (CSV or portal), scores them with one or two models, prints the report. */
export async function backtestCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'from-portal': { type: 'boolean' },
      object: { type: 'string', default: 'contacts' },
      'outcome-column': { type: 'string', default: 'outcome' },
      delimiter: { type: 'string' },
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
  if (values.object !== 'contacts' && values.object !== 'deals') throw new UsageError(`--object "${values.object}" is not something to backtest; use contacts or deals`);
  const byDeal = values.object === 'deals';
  if (byDeal && !fromPortal) throw new UsageError('--object deals reads closed deals and their committees from the portal; add --from-portal');
  const minPrecision = parseFraction(values['min-precision']);
  const now = parseNow(values.now);
  const delimiter = parseDelimiter(values.delimiter);
  if (delimiter !== undefined && fromPortal) throw new UsageError('--delimiter is for a CSV export, not --from-portal');
  // Find out now, not after reading every lead, that the report cannot be written.
  const html = values.html === undefined ? undefined : await openReport(values.html);
  try {
    return await backtest({ ...values, fromPortal, byDeal, positionals, minPrecision, now, delimiter, html }, io);
  } finally {
    await html?.close();
  }
}

interface BacktestRun {
  fromPortal: boolean;
  /** --object deals: closed deals with their committees. */
  byDeal: boolean;
  positionals: string[];
  model?: string | undefined;
  compare?: string | undefined;
  'outcome-column': string;
  json?: boolean | undefined;
  minPrecision: number;
  now: Date;
  delimiter: string | undefined;
  html: ReportFile | undefined;
}

async function backtest(values: BacktestRun, io: CliIo): Promise<number> {
  const { fromPortal, byDeal, positionals, minPrecision, now, delimiter } = values;
  const compare = values.compare ? [await loadModel(values.compare)] : [];
  let models = [...(fromPortal ? [] : [await loadModel(values.model)]), ...compare];

  let input: BacktestInput<BacktestLead | BacktestDeal>;
  if (fromPortal) {
    // Ctrl-C aborts the request in flight too, so a portal that does not answer cannot hold the command.
    const { crm, baseUrl } = crmFromEnv(io.env, io.signal ? { signal: io.signal } : {});
    // From the portal, the model tested is the published version (the bundled one while none is published, said on stderr).
    let chosen;
    try {
      chosen = await modelForCommand(values.model, crm);
    } catch (error) {
      if (io.signal?.aborted) return interrupted(io, 'reading the portal');
      throw error;
    }
    if (chosen.resolved?.source === 'bundled') await write(io.stderr, `bant backtest: testing ${chosen.description}
`);
    models = [chosen.model, ...compare];
    try {
      input = byDeal ? await readPortalDeals(crm, models, `${baseUrl} (closed deals)`) : await readPortalLeads(crm, models, baseUrl, io.signal ? { signal: io.signal } : {});
    } catch (error) {
      if (io.signal?.aborted) return interrupted(io, 'reading the portal');
      if (error instanceof CrmError) throw new UsageError(`could not read the portal's closed ${byDeal ? 'deals' : 'leads'}: ${error.message}`);
      throw error;
    }
  } else {
    const file = positionals[0] as string;
    const name = file === '-' ? 'stdin' : file;
    let read;
    try {
      read = await readBacktestCsv(await openInput(file, io.stdin, io.signal), models, values['outcome-column'], name, {
        ...(delimiter === undefined ? {} : { delimiter }),
        onNotice: (message) => io.stderr.write(`bant backtest: ${message}\n`),
      });
    } catch (error) {
      if (io.signal?.aborted) return interrupted(io, `reading ${name}`);
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${name}: ${(error as Error).message}`);
    }
    if (!read.ok) throw new UsageError(read.message);
    input = read.input;
  }
  if (io.signal?.aborted) return interrupted(io, 'reading the leads');

  const report = runBacktest(input, models, now, minPrecision);
  if (report.input.used === 0) {
    const reasons = report.badRows.slice(0, 5).map((bad) => `\n  row ${bad.row}: ${bad.reason}`).join('');
    throw new UsageError(byDeal
      ? `no closed deals to test: ${input.name} has no closed won or closed lost deal${reasons}`
      : fromPortal
      ? `no closed leads to test: no contact in ${input.name} has a closed won or closed lost deal${reasons}`
      : `no row of ${input.name} can be scored (${report.badRows.length} skipped)${reasons}`);
  }
  await write(io.stdout, values.json ? `${JSON.stringify(report, null, 2)}\n` : formatBacktestText(report));
  if (values.html) {
    try {
      await values.html.write(renderBacktestHtml(report));
    } catch (error) {
      throw new UsageError(`cannot write the HTML report to ${values.html.file}: ${(error as Error).message}`);
    }
    await write(io.stderr, `bant backtest: wrote the HTML report to ${values.html.file}\n`);
  }
  if (report.badRows.length > 0) {
    await write(io.stderr, `bant backtest: ${report.badRows.length} of ${report.input.rows} row(s) skipped (${values.json ? 'see "badRows"' : 'listed at the end'}); fix them in the export and run again\n`);
    return 1;
  }
  return 0;
}

interface ReportFile {
  file: string;
  write(text: string): Promise<void>;
  /** Closes the file, and removes it when it was created here and never written. */
  close(): Promise<void>;
}

/**
 * Opens the report file before any work, so an unwritable path is reported at once: its folder is
 * made if needed and the file opened without truncating it (the old report stays until the new
 * one is written).
 */
async function openReport(file: string): Promise<ReportFile> {
  const folder = dirname(resolve(file));
  let handle: FileHandle;
  let existed = false;
  try {
    await makeFolder(folder);
    existed = await stat(file).then(() => true, () => false);
    handle = await open(file, 'a');
  } catch (error) {
    const { code, syscall, path } = error as NodeJS.ErrnoException;
    const why = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? `permission denied${path ? ` on ${path}` : ''}`
      : code === 'ENOTDIR' ? 'a part of the path is a file, not a folder'
        : code === 'EISDIR' ? 'it is a folder; give a file name such as report.html'
          : syscall === 'mkdir' ? `the folder ${path ?? folder} cannot be created (${code ?? 'error'})` : (error as Error).message;
    throw new UsageError(`cannot write the HTML report to ${file}: ${why}; choose another --html path`);
  }
  let written = false;
  return {
    file,
    async write(text) {
      await handle.truncate(0);
      await handle.writeFile(text);
      written = true;
    },
    async close() {
      await handle.close();
      if (!written && !existed) await rm(file, { force: true });
    },
  };
}

/**
 * Makes a folder and its missing parents, one level at a time. Node's own recursive mkdir loops
 * forever on some paths (a folder under /proc), so it is not used.
 */
async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    try {
      if (!(await stat(at)).isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(at) === at) throw error;
      missing.unshift(at);
    }
  }
  for (const at of missing) await mkdir(at);
}

/** The export as a stream: stdin for "-", else the file (a missing file is the user's to fix). */
async function openInput(file: string, stdin: Readable, signal: AbortSignal | undefined): Promise<AsyncIterable<string | Uint8Array>> {
  if (file === '-') return signal ? addAbortSignal(signal, stdin) : stdin;
  try {
    const handle = await open(file, 'r');
    return handle.createReadStream(signal ? { signal } : {});
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

/** "," ";" "\t" (or "tab"), any one character; undefined to detect. */
function parseDelimiter(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const value = text === '\\t' || text.toLowerCase() === 'tab' ? '\t' : text;
  if ([...value].length !== 1 || value === '"' || value === '\n' || value === '\r') {
    throw new UsageError(`--delimiter "${text}" is not a field separator; give one character such as "," or ";" (or "\\t" for tabs)`);
  }
  return value;
}

/** Ctrl-C or SIGTERM: say what was stopped; exit 130 (SIGINT) or 143 (SIGTERM). */
async function interrupted(io: CliIo, what: string): Promise<number> {
  await write(io.stderr, `bant backtest: stopped while ${what}; nothing was written\n`);
  return interruptedStatus(io.signal);
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
