import { propertiesRead } from '../engine';
import type { CrmObject, Model, RawProperties } from '../engine';
import { parseCsv } from './parseCsv';
import { parseOutcome } from './parseOutcome';
import type { BacktestInput } from './runBacktest';
import type { BacktestLead, BadRow } from './types';

export type CsvBacktestInput = { ok: true; input: BacktestInput } | { ok: false; message: string };

/** Column names that hold the HubSpot record id in an export. */
const ID_COLUMNS = ['record id', 'hs_object_id', 'contact id', 'id'];

interface Column {
  index: number;
  object: CrmObject;
  property: string;
}

/**
 * Reads a HubSpot export for a backtest: one row per contact, the model's contact properties as
 * columns (by internal name, `contact.<name>` or the source's label), deal and company properties
 * as `deal.<name>` / `company.<name>`, and an outcome column (won/lost, 1/0, true/false, yes/no).
 * Enumeration answers exported as labels ("Manager") are read as the option's value ("manager").
 * Rows without a usable outcome or with the wrong number of fields are returned as bad rows.
 * Pure: the file's text in, leads and bad rows out.
 * @example readBacktestCsv('bant_need,outcome\nperfect,won\n', [model], 'outcome', 'leads.csv')
 */
export function readBacktestCsv(text: string, models: readonly Model[], outcomeColumn: string, name: string): CsvBacktestInput {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, message: `${name} is not valid CSV: ${parsed.reason}` };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, message: `${name} is empty; expected a header row with the model's properties and an "${outcomeColumn}" column` };
  const names = header.fields.map((field) => field.trim().toLowerCase());
  const outcomeIndex = names.indexOf(outcomeColumn.trim().toLowerCase());
  if (outcomeIndex < 0) {
    return { ok: false, message: `${name} has no "${outcomeColumn}" column (columns: ${header.fields.join(', ')}); name the outcome column with --outcome-column` };
  }
  const columns = mapColumns(names, models);
  if (columns.length === 0) {
    const wanted = [...new Set(models.flatMap((model) => model.criteria.flatMap((c) => c.sources.map((s) => (s.object === 'contact' ? s.property : `${s.object}.${s.property}`)))))];
    return { ok: false, message: `none of the columns of ${name} is a property the model reads; expected some of ${wanted.join(', ')}` };
  }
  const idIndex = names.findIndex((column) => ID_COLUMNS.includes(column));
  const labels = optionLabels(models);

  const leads: BacktestLead[] = [];
  const badRows: BadRow[] = [];
  records.forEach((record, i) => {
    const row = i + 2;
    const id = idIndex >= 0 ? record.fields[idIndex]?.trim() || null : null;
    if (record.fields.length !== header.fields.length) {
      badRows.push({ row, id, reason: `has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}, the header has ${header.fields.length}; check for an unquoted comma or a missing field` });
      return;
    }
    const outcome = parseOutcome(record.fields[outcomeIndex] ?? '', outcomeColumn);
    if (!outcome.ok) {
      badRows.push({ row, id, reason: outcome.reason });
      return;
    }
    const values: Record<CrmObject, RawProperties> = { contact: {}, deal: {}, company: {} };
    for (const column of columns) {
      const raw = record.fields[column.index] ?? '';
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
  });
  return { ok: true, input: { source: 'csv', name, rows: records.length, outcomeColumn, leads, badRows } };
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
        if (source.label && !wanted.has(source.label.toLowerCase())) wanted.set(source.label.toLowerCase(), { object: source.object, property: source.property });
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
          if (!forProperty.has(option.label.toLowerCase())) forProperty.set(option.label.toLowerCase(), option.value);
        }
        // A value that is itself an option stays as it is, even if it also reads like another option's label.
        for (const option of options) forProperty.set(option.value.toLowerCase(), option.value);
        map.set(`${source.object}.${source.property}`, forProperty);
      }
    }
  }
  return map;
}
