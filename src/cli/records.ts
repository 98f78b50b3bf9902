import { z } from 'zod';
import type { LeadRecord } from '../engine';

const rawValue = z.union([z.string(), z.null()], { error: (issue) => `expected a string as HubSpot stores it (or null), got ${JSON.stringify(issue.input)}` });
const properties = z.record(z.string(), rawValue);

/** One lead as `bant score` reads it: `now` (optional ISO date-time), contact properties, deals, company. */
export const scoreInputSchema = z.strictObject({
  now: z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as "2026-11-23T10:00:00Z"' }).optional(),
  contact: properties,
  deals: z.array(z.strictObject({ id: z.union([z.string().min(1), z.number().int().transform(String)]), properties })).optional(),
  company: properties.optional(),
});

export type ScoreInput = LeadRecord & { now?: string };

/** The records of a file: one JSON record, a JSON array, or NDJSON (one record per line). */
export type ParsedRecord = { index: number; ok: true; record: ScoreInput } | { index: number; ok: false; message: string };

export function parseRecords(text: string): ParsedRecord[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    let values: unknown;
    try {
      values = JSON.parse(trimmed);
    } catch (error) {
      return [{ index: 1, ok: false, message: `the input starts like a JSON array but is not JSON: ${(error as Error).message}` }];
    }
    return (values as unknown[]).map((value, i) => checkRecord(value, i + 1));
  }
  try {
    return [checkRecord(JSON.parse(trimmed), 1)];
  } catch {
    // Not a single JSON value: read it as NDJSON, one record per non-empty line.
  }
  const lines = text.split('\n');
  const parsed: ParsedRecord[] = [];
  let index = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    index += 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      parsed.push({ index, ok: false, message: `not JSON: ${(error as Error).message}` });
      continue;
    }
    parsed.push(checkRecord(value, index));
  }
  return parsed;
}

function checkRecord(value: unknown, index: number): ParsedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { index, ok: false, message: `expected an object like {"contact": {...}}, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}` };
  }
  const checked = scoreInputSchema.safeParse(value, { reportInput: true });
  if (checked.success) return { index, ok: true, record: checked.data };
  const issue = checked.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? `is missing; a record needs ${path === 'contact' ? '"contact": {<property>: "<raw value>"}' : 'this field'}`
    : issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; a record has now, contact, deals and company`
    : issue.message;
  return { index, ok: false, message: `${path ? `${path}: ` : ''}${message}` };
}
