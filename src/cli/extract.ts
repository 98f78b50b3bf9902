import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ACTIVITY_KINDS, extractSuggestions } from '../extract';
import type { ActivityKind, Suggestion } from '../extract';
import { loadModel, readText, UsageError, write } from './io';
import type { CliIo } from './io';

export const EXTRACT_HELP = `bant extract [file] [--model <file>] [--currency <code>]

Suggests BANT answers from conversation texts, offline. Input (a file, or stdin when no file or
"-"): JSONL, one record per line:
  {"id": "c1", "date": "2026-03-10", "kind": "call_note", "contactTitle": "VP Operations",
   "text": "budget ~120k approved", "now": "2026-03-12T09:00:00Z"}
kind is call_note, meeting_note, note, email or transcript; contactTitle and now are optional.
Relative dates in the text are read from "date"; timeline options are chosen relative to "now",
else to "date". Amounts without a currency are in --currency (default USD).
Prints one JSON line per record: {"id": "c1", "suggestions": [{"criterion": "budget", "value":
"120000", "evidence": "budget ~120k approved", "confidence": 0.9, "currency": "USD", "source":
{"id": "c1", "kind": "call_note", "date": "2026-03-10"}, "property": "bant_budget"}]}; a criterion
with nothing to suggest is absent. Bad records are named on stderr (exit status 2); the others are
still read.`;

const isoDate = z.string().refine((value) => /^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)), {
  error: (issue) => `expected an ISO date such as "2026-03-10" (or a date-time), got ${JSON.stringify(issue.input)}`,
});

/** One record of `bant extract`'s input. */
export const extractRecordSchema = z.strictObject({
  id: z.union([z.string().min(1), z.number().int().transform(String)], { error: 'expected an id such as "c1"' }),
  date: isoDate,
  kind: z.enum(ACTIVITY_KINDS as [ActivityKind, ...ActivityKind[]], { error: (issue) => `expected one of ${ACTIVITY_KINDS.join(', ')}, got ${JSON.stringify(issue.input)}` }),
  contactTitle: z.string().nullable().optional(),
  text: z.string({ error: (issue) => (issue.input === undefined ? 'is missing; give the activity\'s text' : `expected the text as a string, got ${JSON.stringify(issue.input)}`) }),
  now: z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as "2026-03-12T09:00:00Z"' }).optional(),
});

/** `bant extract`: JSONL in, one line of suggestions per record out; bad records named, exit 2, the rest still read. */
export async function extractCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { model: { type: 'string' }, currency: { type: 'string', default: 'USD' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await write(io.stdout, `${EXTRACT_HELP}\n`);
    return 0;
  }
  if (!/^[A-Z]{3}$/.test(values.currency)) throw new UsageError(`--currency "${values.currency}" is not a currency code; use three capital letters such as USD, EUR or NOK`);
  if (positionals.length > 1) throw new UsageError(`bant extract takes one input file, got ${positionals.length}: ${positionals.join(' ')}`);
  const model = await loadModel(values.model);
  const lines = (await readText(positionals[0], io.stdin)).split('\n');
  let failed = 0;
  let records = 0;
  let out = '';
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    records += 1;
    const parsed = parseRecord(line);
    if (!parsed.ok) {
      failed += 1;
      await write(io.stderr, `bant extract: line ${index + 1}${parsed.id ? ` (id "${parsed.id}")` : ''}: ${parsed.message}\n`);
      continue;
    }
    const record = parsed.record;
    const suggestions = extractSuggestions({
      model,
      texts: [{ id: record.id, kind: record.kind, date: record.date, text: record.text }],
      contactTitle: record.contactTitle ?? null,
      now: new Date(record.now ?? record.date),
      homeCurrency: values.currency,
    });
    out += `${JSON.stringify({ id: record.id, suggestions: suggestions.map(toOutput) })}\n`;
    if (out.length > 1 << 16) {
      await write(io.stdout, out);
      out = '';
    }
  }
  if (out) await write(io.stdout, out);
  if (failed > 0) await write(io.stderr, `bant extract: ${failed} of ${records} record(s) not read; fix them and run again\n`);
  return failed > 0 ? 2 : 0;
}

type ParsedRecord = { ok: true; record: z.output<typeof extractRecordSchema> } | { ok: false; message: string; id?: string };

function parseRecord(line: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `expected an object like {"id": "c1", "date": "2026-03-10", "kind": "call_note", "text": "..."}, got ${JSON.stringify(value)}` };
  }
  const id = typeof (value as { id?: unknown }).id === 'string' ? (value as { id: string }).id : undefined;
  const checked = extractRecordSchema.safeParse(value, { reportInput: true });
  if (checked.success) return { ok: true, record: checked.data };
  const issue = checked.error.issues[0]!;
  const path = issue.path.join('.');
  const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; a record has id, date, kind, contactTitle, text and now`
    : issue.code === 'invalid_type' && issue.input === undefined && path !== 'text' ? 'is missing'
    : issue.message;
  return { ok: false, message: `${path ? `${path}: ` : ''}${message}`, ...(id ? { id } : {}) };
}

function toOutput(s: Suggestion) {
  return {
    criterion: s.criterion,
    value: s.value,
    evidence: s.evidence,
    confidence: s.confidence,
    ...(s.currency ? { currency: s.currency } : {}),
    source: s.source,
    property: s.property,
  };
}
