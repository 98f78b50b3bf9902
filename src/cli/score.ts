import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { compileModel, formatNumber } from '../engine';
import type { LeadResult, Model } from '../engine';
import { interruptedStatus, loadModel, UsageError, write } from './io';
import type { CliIo } from './io';
import { lineWriter } from './lineWriter';
import { readRecords } from './records';
import { resolveText } from '../i18n';

export const SCORE_HELP = `bant score [file] [--model <file>] [--format json|table] [--output full|properties]

Scores leads offline with the model. Input (a file, or stdin when no file or "-"): NDJSON (one
record per line, read as it arrives, any size), one record, or a JSON array of records. A record:
  {"now": "2026-11-23T10:00:00Z", "contact": {"bant_budget": "100000", ...},
   "deals": [{"id": "1", "properties": {"amount": "120000", ...}}], "company": {...}}
"now" defaults to the current time; "deals" and "company" are optional.
Prints one JSON result per record and line (with "properties": the HubSpot values the app writes);
--output properties prints only {"properties": {...}}, what a pipeline writing to HubSpot needs;
--format table prints a readable breakdown. A bad record is named (record and line) on stderr,
the others are still scored, and the exit status is 2. Ctrl-C stops at once (exit status 130).`;

/** `bant score`: reads records as they arrive, scores each with the model, prints a line per record; bad records are named on stderr. */
export async function scoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      format: { type: 'string', default: 'json' },
      output: { type: 'string', default: 'full' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${SCORE_HELP}\n`);
    return 0;
  }
  if (values.format !== 'json' && values.format !== 'table') throw new UsageError(`--format "${values.format}" is not a format; use json or table`);
  if (values.output !== 'full' && values.output !== 'properties') throw new UsageError(`--output "${values.output}" is not an output; use full or properties`);
  if (values.output === 'properties' && values.format === 'table') throw new UsageError('--output properties prints JSON for HubSpot; leave out --format table');
  if (positionals.length > 1) throw new UsageError(`bant score takes one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  const model = await loadModel(values.model);
  const bant = compileModel(model);
  const input = await openInput(positionals[0], io.stdin);
  const { signal } = io;
  const stop = () => input.destroy();
  signal?.addEventListener('abort', stop, { once: true });
  const out = lineWriter(io.stdout);
  const clock = new Date();
  // Records of one run usually share their "now": it is read once, not once per record.
  let nowText: string | undefined;
  let nowDate = clock;
  let records = 0;
  let failed = 0;
  try {
    reading: for await (const batch of readRecords(input)) {
      for (const parsed of batch) {
        if (signal?.aborted || out.closed) break reading;
        records += 1;
        if (!parsed.ok) {
          failed += 1;
          await write(io.stderr, `bant score: record ${parsed.index} (line ${parsed.line}): ${parsed.message}\n`);
          continue;
        }
        if (parsed.record.now !== nowText) {
          nowText = parsed.record.now;
          nowDate = nowText ? new Date(nowText) : clock;
        }
        const now = nowDate;
        const wait = values.output === 'properties' ? out.line(JSON.stringify({ properties: bant.derived(bant.score(parsed.record, now), now) }))
          : values.format === 'table' ? out.line(formatTable(model, bant.explain(parsed.record, now), parsed.index))
          : out.bytesLine(bant.explainJsonBytes(parsed.record, now));
        if (wait) await out.drain();
      }
      // What this chunk completed goes out now: a pipe (or a person typing) sees each result as its line arrives.
      if (out.send()) await out.drain();
    }
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  await out.flush();
  if (signal?.aborted) {
    await write(io.stderr, `bant score: stopped after ${records} record(s); every line printed is a whole result\n`);
    return interruptedStatus(signal);
  }
  if (failed > 0) await write(io.stderr, `bant score: ${failed} of ${records} record(s) not scored; fix them and run again\n`);
  return failed > 0 ? 2 : 0;
}

/** The file named (read in large chunks), or stdin for none or "-". */
async function openInput(file: string | undefined, stdin: Readable): Promise<Readable> {
  if (!file || file === '-') return stdin;
  try {
    return (await open(file)).createReadStream({ highWaterMark: 256 * 1024 });
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
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
  return `${head}${line(header)}${rows.map(line).join('')}`;
}
