import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { OVERRIDE, propertiesRead } from '../engine';
import { trustProperties } from '../setup/trustProperties';
import type { CrmObject, Model, RawProperties } from '../engine';
import { parseOutcome } from './parseOutcome';
import type { BacktestInput } from './runBacktest';
import type { BacktestLead, BadRow } from './types';
import { textsOf } from '../i18n';

export type CsvBacktestInput = { ok: true; input: BacktestInput } | { ok: false; message: string };

/** Column names that hold the HubSpot record id in an export. */
const ID_COLUMNS = ['record id', 'hs_object_id', 'contact id', 'id'];

interface Column {
  index: number;
  object: CrmObject;
  property: string;
}

export interface CsvReadOptions {
  /** The character between fields; by default a comma, or ";" when the header holds more semicolons than commas. */
  delimiter?: string;
  /** Told what was detected (the delimiter), for the user. */
  onNotice?: (message: string) => void;
}

/**
 * Reads a HubSpot export for a backtest, as it streams in: one row per contact, the model's
 * contact properties as columns (by internal name, `contact.<name>` or the source's label), deal
 * and company properties as `deal.<name>` / `company.<name>`, and an outcome column (won/lost,
 * 1/0, true/false, yes/no). Enumeration answers exported as labels ("Manager") are read as the
 * option's value ("manager"). CSV is parsed by csv-parse (RFC 4180: quoted commas, quotes and
 * line breaks, CRLF, a byte-order mark); rows without a usable outcome or with the wrong number
 * of fields are returned as bad rows. Does no IO of its own: text or chunks in, leads out.
 * @example await readBacktestCsv('bant_need,outcome\nperfect,won\n', [model], 'outcome', 'leads.csv')
 */
export async function readBacktestCsv(
  source: string | AsyncIterable<string | Uint8Array>, models: readonly Model[], outcomeColumn: string, name: string, options: CsvReadOptions = {},
): Promise<CsvBacktestInput> {
  const text = textChunks(source);
  const first = await text.next();
  const head = first.done ? '' : first.value;
  const delimiter = options.delimiter ?? detectDelimiter(head, name, options.onNotice);
  const parser = parse({ bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, raw: true });

  let header: string[] | undefined;
  let mapped: { names: string[]; outcomeIndex: number; columns: Column[]; idIndex: number; labels: Map<string, Map<string, string>> } | undefined;
  let refused: string | undefined;
  let rows = 0;
  const leads: BacktestLead[] = [];
  const badRows: BadRow[] = [];
  const take = (fields: string[]) => {
    if (!header) {
      header = fields;
      const names = fields.map((field) => field.trim().toLowerCase());
      const outcomeIndex = names.indexOf(outcomeColumn.trim().toLowerCase());
      if (outcomeIndex < 0) {
        refused = `${name} has no "${outcomeColumn}" column (columns: ${fields.join(', ')}); name the outcome column with --outcome-column${delimiterHint(fields, delimiter)}`;
        return false;
      }
      const columns = mapColumns(names, models);
      if (columns.length === 0) {
        const wanted = [...new Set(models.flatMap((model) => model.criteria.flatMap((c) => c.sources.map((s) => (s.object === 'contact' ? s.property : `${s.object}.${s.property}`)))))];
        refused = `none of the columns of ${name} is a property the model reads; expected some of ${wanted.join(', ')}`;
        return false;
      }
      mapped = { names, outcomeIndex, columns, idIndex: names.findIndex((column) => ID_COLUMNS.includes(column)), labels: optionLabels(models) };
      return true;
    }
    const { outcomeIndex, columns, idIndex, labels } = mapped as NonNullable<typeof mapped>;
    rows += 1;
    const row = rows + 1;
    const id = idIndex >= 0 ? fields[idIndex]?.trim() || null : null;
    if (fields.length !== header.length) {
      badRows.push({ row, id, reason: `has ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}; check for an unquoted ${delimiterName(delimiter)} or a missing field` });
      return true;
    }
    const outcome = parseOutcome(fields[outcomeIndex] ?? '', outcomeColumn);
    if (!outcome.ok) {
      badRows.push({ row, id, reason: outcome.reason });
      return true;
    }
    const values: Record<CrmObject, RawProperties> = { contact: {}, deal: {}, company: {} };
    for (const column of columns) {
      const raw = fields[column.index] ?? '';
      values[column.object][column.property] = labels.get(`${column.object}.${column.property}`)?.get(raw.trim().toLowerCase()) ?? raw;
    }
    const hasDeal = Object.values(values.deal).some((value) => (value ?? '').trim() !== '');
    const hasCompany = Object.values(values.company).some((value) => (value ?? '').trim() !== '');
    leads.push({
      row,
      id,
      won: outcome.won,
      lead: {
        contact: values.contact,
        // The export describes the lead's deal as it stood when the lead was qualified: an open deal.
        ...(hasDeal ? { deals: [{ id: id ?? String(row), properties: { ...values.deal, hs_is_closed: 'false' } }] } : {}),
        ...(hasCompany ? { company: values.company } : {}),
      },
    });
    return true;
  };

  try {
    await pipeline(Readable.from(prepend(head, text)), parser, async (records: AsyncIterable<{ record: string[] }>) => {
      for await (const { record } of records) if (!take(record)) return;
    });
  } catch (error) {
    const csv = error as Error & { code?: string; lines?: number; raw?: string };
    if (csv.code === 'CSV_QUOTE_NOT_CLOSED') {
      // csv-parse reports where the file ended; the quote opened where the unfinished record began.
      const line = Math.max(1, (csv.lines ?? 1) - (csv.raw ?? '').replace(/[^\r\n]/g, '').length + 1);
      return { ok: false, message: `${name} is not valid CSV: a quoted field opened on line ${line} is never closed; check for a missing "` };
    }
    if (csv.code?.startsWith('CSV_')) return { ok: false, message: `${name} is not valid CSV: ${csv.message}` };
    throw error;
  }
  if (refused) return { ok: false, message: refused };
  if (!header) return { ok: false, message: `${name} is empty; expected a header row with the model's properties and an "${outcomeColumn}" column` };
  return { ok: true, input: { source: 'csv', name, rows, outcomeColumn, leads, badRows } };
}

/** ";" when the header line has more semicolons than commas (outside quotes), else ","; says so when it is not ",". */
function detectDelimiter(head: string, name: string, notice: ((message: string) => void) | undefined): string {
  const line = head.replace(/^\ufeff/, '').split(/\r?\n/)[0] ?? '';
  const outside = line.replace(/"[^"]*"/g, '');
  const commas = outside.split(',').length - 1;
  const semicolons = outside.split(';').length - 1;
  if (semicolons <= commas) return ',';
  notice?.(`reading ${name} with ";" between fields: its header has ${semicolons} semicolon${semicolons === 1 ? '' : 's'} and ${commas} comma${commas === 1 ? '' : 's'}; pass --delimiter "," if that is wrong`);
  return ';';
}

/** When a header came out as one column holding another likely delimiter, say how to read it. */
function delimiterHint(fields: string[], delimiter: string): string {
  if (fields.length !== 1) return '';
  const other = [';', ',', '\t', '|'].find((candidate) => candidate !== delimiter && (fields[0] ?? '').includes(candidate));
  return other ? `, or pass --delimiter "${other === '\t' ? '\\t' : other}" if its fields are separated by ${delimiterName(other)}s` : '';
}

function delimiterName(delimiter: string): string {
  return ({ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' } as Record<string, string>)[delimiter] ?? `"${delimiter}"`;
}

/** The source as text chunks, however it arrives (a string, strings, or UTF-8 bytes split anywhere). */
async function* textChunks(source: string | AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* prepend(head: string, rest: AsyncIterator<string>): AsyncGenerator<string> {
  if (head) yield head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function mapColumns(names: string[], models: readonly Model[]): Column[] {
  const wanted = new Map<string, { object: CrmObject; property: string }>();
  for (const model of models) {
    const read = propertiesRead(model);
    for (const object of ['contact', 'deal', 'company'] as const) {
      for (const property of read[object]) {
        wanted.set(`${object}.${property}`.toLowerCase(), { object, property });
        if (object === 'contact') wanted.set(property.toLowerCase(), { object, property });
      }
    }
    for (const criterion of model.criteria) {
      for (const source of criterion.sources) {
        for (const label of source.label ? textsOf(source.label) : []) {
          if (!wanted.has(label.toLowerCase())) wanted.set(label.toLowerCase(), { object: source.object, property: source.property });
        }
      }
    }
    // The verdict a rep set by hand, by name or HubSpot label, whatever the model allows: the backtest reports overridden leads apart.
    for (const property of trustProperties(model).filter((p) => p.role === 'override')) {
      for (const name of [property.name, `contact.${property.name}`, property.label]) {
        if (!wanted.has(name.toLowerCase())) wanted.set(name.toLowerCase(), { object: 'contact', property: property.name });
      }
    }
  }
  const taken = new Set<string>();
  const columns: Column[] = [];
  names.forEach((name, index) => {
    const target = wanted.get(name);
    if (!target || taken.has(`${target.object}.${target.property}`)) return;
    taken.add(`${target.object}.${target.property}`);
    columns.push({ index, ...target });
  });
  return columns;
}

/** `object.property` → (lower-case label or value → option value), for enumeration answers exported as labels. */
function optionLabels(models: readonly Model[]): Map<string, Map<string, string>> {
  const map = new Map<string, Map<string, string>>();
  for (const model of models) {
    for (const criterion of model.criteria) {
      for (const source of criterion.sources) {
        const rule = source.rule ?? criterion.rule;
        const options = rule.type === 'options' || rule.type === 'multi' ? rule.options : rule.type === 'likert' ? rule.levels : [];
        if (options.length === 0) continue;
        const forProperty = map.get(`${source.object}.${source.property}`) ?? new Map<string, string>();
        for (const option of options) {
          for (const label of textsOf(option.label)) if (!forProperty.has(label.toLowerCase())) forProperty.set(label.toLowerCase(), option.value);
        }
        // A value that is itself an option stays as it is, even if it also reads like another option's label.
        for (const option of options) forProperty.set(option.value.toLowerCase(), option.value);
        map.set(`${source.object}.${source.property}`, forProperty);
      }
    }
  }
  // An export writes the override as its label.
  map.set(`contact.${OVERRIDE}`, new Map([['qualified', 'qualified'], ['not_qualified', 'not_qualified'], ['not qualified', 'not_qualified']]));
  return map;
}
