import { parseArgs } from 'node:util';
import { formatNumber, scoreLead, toDerivedProperties } from '../engine';
import type { LeadResult, Model } from '../engine';
import { loadModel, readText, UsageError, write } from './io';
import type { CliIo } from './io';
import { parseRecords } from './records';
import { resolveText } from '../i18n';

export const SCORE_HELP = `bant score [file] [--model <file>] [--format json|table]

Scores leads offline with the model. Input (a file, or stdin when no file or "-"): one record,
a JSON array of records, or NDJSON. A record:
  {"now": "2026-11-23T10:00:00Z", "contact": {"bant_budget": "100000", ...},
   "deals": [{"id": "1", "properties": {"amount": "120000", ...}}], "company": {...}}
"now" defaults to the current time; "deals" and "company" are optional.
Prints one JSON result per record and line (with "properties": the HubSpot values the app writes),
or a readable breakdown with --format table. Bad records exit with status 2, naming the record.`;

/** `bant score`: reads records, scores each with the model, prints results; bad records are named on stderr. */
export async function scoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string' }, format: { type: 'string', default: 'json' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await write(io.stdout, `${SCORE_HELP}\n`);
    return 0;
  }
  if (values.format !== 'json' && values.format !== 'table') throw new UsageError(`--format "${values.format}" is not a format; use json or table`);
  if (positionals.length > 1) throw new UsageError(`bant score takes one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  const model = await loadModel(values.model);
  const records = parseRecords(await readText(positionals[0], io.stdin));
  const clock = new Date();
  let failed = 0;
  let out = '';
  for (const parsed of records) {
    if (!parsed.ok) {
      failed += 1;
      await write(io.stderr, `bant score: record ${parsed.index}: ${parsed.message}\n`);
      continue;
    }
    const now = parsed.record.now ? new Date(parsed.record.now) : clock;
    const result = scoreLead(model, parsed.record, now);
    const line = values.format === 'table'
      ? formatTable(model, result, parsed.index)
      : `${JSON.stringify({ ...result, properties: toDerivedProperties(model, result, now) })}\n`;
    out += line;
    if (out.length > 1 << 16) {
      await write(io.stdout, out);
      out = '';
    }
  }
  if (out) await write(io.stdout, out);
  if (failed > 0) await write(io.stderr, `bant score: ${failed} of ${records.length} record(s) not scored; fix them and run again\n`);
  return failed > 0 ? 2 : 0;
}

/** A breakdown a person can read in a terminal. */
export function formatTable(model: Model, result: LeadResult, index: number): string {
  const found = model.actions.find((a) => a.key === result.nextAction);
  const action = found ? resolveText(found.label, 'en') : result.nextAction;
  const verdict = result.qualified ? 'QUALIFIED' : `not qualified (${result.failedCriteria.join(', ')})`;
  const head = `Record ${index}: ${formatNumber(result.score)}/${formatNumber(result.max)}, grade ${result.grade}, ${verdict}\n  Next: ${action}. Completeness ${result.completeness}%.${result.deal ? ` Deal: ${result.deal.name ?? result.deal.id}.` : ''}\n`;
  const rows = result.criteria.map((c) => [c.label, `${formatNumber(c.points)}/${formatNumber(c.max)}`, c.status, c.display ?? c.value ?? '—', c.reason]);
  const header = ['Criterion', 'Points', 'Status', 'Answer', 'Why'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}\n`;
  return `${head}${line(header)}${rows.map(line).join('')}\n`;
}
