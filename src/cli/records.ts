import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import type { LeadRecord } from '../engine';

const rawValue = z.union([z.string(), z.null()], { error: (issue) => `expected a string as HubSpot stores it (or null), got ${JSON.stringify(issue.input)}` });
const properties = z.record(z.string(), rawValue);

const dateTime = z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as "2026-11-23T10:00:00Z"' });

/** One lead as `bant score` reads it: `now` (optional ISO date-time), contact properties, deals, company. */
export const scoreInputSchema = z.strictObject({
  now: dateTime.optional(),
  contact: properties,
  deals: z.array(z.strictObject({ id: z.union([z.string().min(1), z.number().int().transform(String)]), properties })).optional(),
  company: properties.optional(),
});

export type ScoreInput = LeadRecord & { now?: string };

/** One record of the input, numbered from 1 and with the line it starts on, checked or refused with the reason. */
export type ParsedRecord =
  | { index: number; line: number; ok: true; record: ScoreInput }
  | { index: number; line: number; ok: false; message: string };

/** The largest record read (a longer one is refused, so a file without line breaks cannot fill the memory). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/**
 * Reads records as their bytes arrive, yielding the records each chunk completes, in order: NDJSON
 * one line at a time, a record printed over several lines (a pretty-printed JSON object), or a
 * JSON array element by element. Memory holds one chunk and one record, whatever the input's size.
 * @example for await (const batch of readRecords(createReadStream(file))) for (const parsed of batch) ...
 */
export async function* readRecords(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<ParsedRecord[]> {
  const splitter = createSplitter();
  for await (const chunk of chunks) {
    const batch = splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (batch.length > 0) yield batch;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}

type Splitter = { push(chunk: Buffer): ParsedRecord[]; end(): ParsedRecord[] };
/** Cuts records out of the bytes and hands each to `emit`. */
type Cutter = { push(chunk: Buffer): void; end(): void };

const NEWLINE = 10;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Decides between lines and a JSON array at the first byte that is not white space. */
function createSplitter(): Splitter {
  const out: ParsedRecord[] = [];
  let index = 0;
  const emit = (line: number, text: string | null, message?: string) => {
    index += 1;
    out.push(text === null ? { index, line, ok: false, message: message ?? 'not JSON' } : parseRecord(text, index, line));
  };
  const emitValue = (line: number, value: unknown) => {
    index += 1;
    out.push(checkRecord(value, index, line));
  };
  let mode: Cutter | null = null;
  let blankLines = 0;
  let first = true;
  const take = () => out.splice(0, out.length);
  return {
    push(chunk) {
      if (first && chunk.length > 0) {
        first = false;
        if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
      }
      if (!mode) {
        const start = firstSignificant(chunk);
        if (start === -1) {
          blankLines += count(chunk, NEWLINE, chunk.length);
          return take();
        }
        mode = chunk[start] === 0x5b ? arraySplitter(emit, blankLines) : lineSplitter(emit, emitValue, blankLines);
      }
      mode.push(chunk);
      return take();
    },
    end() {
      mode?.end();
      return take();
    },
  };
}

/** Records a record's text (parsed and checked), or a refusal when `text` is null. */
type Emit = (line: number, text: string | null, message?: string) => void;
/** Records a record already parsed. */
type EmitValue = (line: number, value: unknown) => void;

/**
 * NDJSON: one record per non-empty line, cut on the newline byte and decoded once. A line that is
 * not JSON but opens more brackets than it closes starts a record spanning lines, which ends where
 * they close (or where a later line is a whole record by itself, starting at its first column).
 */
function lineSplitter(emit: Emit, emitValue: EmitValue, linesBefore: number): Cutter {
  let line = linesBefore;
  let carry: Buffer[] = [];
  let carried = 0;
  let skipping = false;
  let pending: string | null = null;
  let pendingLine = 0;
  let pendingScan = { depth: 0, inString: false, escaped: false };

  const onLine = (text: string) => {
    line += 1;
    if (pending !== null) {
      if (text.charCodeAt(0) === 0x7b && parsesAlone(text)) {
        emit(pendingLine, null, 'not JSON: the record never closes its brackets');
        pending = null;
      } else {
        pending += `\n${text}`;
        scan(text, pendingScan);
        if (pending.length > MAX_RECORD_BYTES) {
          emit(pendingLine, null, `longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB; split it or fix its brackets`);
          pending = null;
        } else if (pendingScan.depth <= 0 && !pendingScan.inString) {
          emit(pendingLine, pending);
          pending = null;
        }
        return;
      }
    }
    if (isBlank(text)) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const opened = text.trimStart().charCodeAt(0) === 0x7b ? scan(text, { depth: 0, inString: false, escaped: false }) : null;
      if (opened && opened.depth > 0) {
        pending = text;
        pendingLine = line;
        pendingScan = opened;
      } else {
        emit(line, null, `not JSON: ${(error as Error).message}`);
      }
      return;
    }
    emitValue(line, value);
  };

  return {
    push(chunk) {
      let start = 0;
      for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
        if (skipping) {
          skipping = false;
          line += 1;
        } else if (carried > 0) {
          carry.push(chunk.subarray(start, nl));
          const text = Buffer.concat(carry).toString('utf8');
          carry = [];
          carried = 0;
          onLine(text);
        } else {
          onLine(chunk.toString('utf8', start, nl));
        }
        start = nl + 1;
      }
      if (start < chunk.length && !skipping) {
        carry.push(chunk.subarray(start));
        carried += chunk.length - start;
        if (carried > MAX_RECORD_BYTES) {
          emit(line + 1, null, `longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB; put one record per line`);
          carry = [];
          carried = 0;
          skipping = true;
        }
      }
    },
    end() {
      if (carried > 0) onLine(Buffer.concat(carry).toString('utf8'));
      carry = [];
      carried = 0;
      if (pending !== null) emit(pendingLine, null, 'not JSON: the input ends before the record closes its brackets');
      pending = null;
    },
  };
}

/**
 * A JSON array read element by element: each element is cut where a comma or the closing bracket
 * stands outside strings and nested brackets, then parsed on its own.
 */
function arraySplitter(emit: Emit, linesBefore: number): Cutter {
  const decoder = new StringDecoder('utf8');
  let line = linesBefore + 1;
  let element = '';
  let elementLine = -1;
  let elements = 0;
  let opened = false;
  let closed = false;
  let trailing = false;
  let depth = 0;
  let inString = false;
  let escaped = false;

  const finish = (text: string, last: boolean) => {
    if (isBlank(text)) {
      if (last && elements === 0) return;
      emit(elementLine === -1 ? line : elementLine, null, 'not JSON: an empty element in the array (two commas, or a comma before "]")');
    } else {
      emit(elementLine, text);
    }
    elements += 1;
    elementLine = -1;
  };

  const read = (text: string) => {
    let from = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE) line += 1;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
        continue;
      }
      if (closed) {
        if (!trailing && !isSpace(c)) {
          trailing = true;
          emit(line, null, 'not JSON: text after the array\'s closing "]"');
        }
        continue;
      }
      if (!opened) {
        if (c === 0x5b) {
          opened = true;
          from = i + 1;
        }
        continue;
      }
      if (elementLine === -1 && !isSpace(c)) elementLine = line;
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth += 1;
      else if (c === 0x7d || (c === 0x5d && depth > 0)) depth -= 1;
      else if (depth === 0 && (c === 0x2c || c === 0x5d)) {
        const whole = element + text.slice(from, i);
        element = '';
        from = i + 1;
        if (c === 0x5d) {
          closed = true;
          finish(whole, true);
        } else {
          finish(whole, false);
        }
      }
    }
    if (opened && !closed) {
      element += text.slice(from);
      if (element.length > MAX_RECORD_BYTES) {
        emit(elementLine, null, `longer than ${MAX_RECORD_BYTES / 1024 / 1024} MB; split the array or fix its brackets`);
        closed = true;
        trailing = true;
        element = '';
      }
    }
  };

  return {
    push: (chunk) => read(decoder.write(chunk)),
    end() {
      read(decoder.end());
      if (!closed) emit(elementLine === -1 ? line : elementLine, null, 'not JSON: the input starts like a JSON array but ends before its closing "]"');
    },
  };
}

function parseRecord(text: string, index: number, line: number): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { index, line, ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  return checkRecord(value, index, line);
}

function checkRecord(value: unknown, index: number, line: number): ParsedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { index, line, ok: false, message: `expected an object like {"contact": {...}}, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}` };
  }
  const record = wellFormed(value);
  if (record) return { index, line, ok: true, record };
  const checked = scoreInputSchema.safeParse(value, { reportInput: true });
  if (checked.success) return { index, line, ok: true, record: checked.data };
  const issue = checked.error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? `is missing; a record needs ${path === 'contact' ? '"contact": {<property>: "<raw value>"}' : 'this field'}`
    : issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; a record has now, contact, deals and company`
    : issue.message;
  return { index, line, ok: false, message: `${path ? `${path}: ` : ''}${message}` };
}

/** The last `now` the schema accepted: records of one run usually share it. */
let lastNow: string | undefined;

/**
 * The usual record checked by hand, about as fast as reading it (zod per record took a third of
 * `bant score`'s time): an object of now, contact, deals and company with string (or null) values,
 * deals with a non-empty string id. Returns the record itself when `scoreInputSchema` would accept
 * it and give the same record; undefined for anything else (a numeric deal id, a wrong type, an
 * unknown field), which the schema then checks and, when it is wrong, names.
 */
export function wellFormed(value: object): ScoreInput | undefined {
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (key !== 'now' && key !== 'contact' && key !== 'deals' && key !== 'company') return undefined;
  }
  const { now, contact, deals, company } = record;
  if (!isProperties(contact)) return undefined;
  if (company !== undefined && !isProperties(company)) return undefined;
  if (now !== undefined) {
    if (typeof now !== 'string') return undefined;
    if (now !== lastNow) {
      if (!dateTime.safeParse(now).success) return undefined;
      lastNow = now;
    }
  }
  if (deals !== undefined) {
    if (!Array.isArray(deals)) return undefined;
    for (const deal of deals as unknown[]) {
      if (typeof deal !== 'object' || deal === null || Array.isArray(deal)) return undefined;
      for (const key in deal) {
        if (key !== 'id' && key !== 'properties') return undefined;
      }
      const { id, properties: dealProperties } = deal as Record<string, unknown>;
      if (typeof id !== 'string' || id.length === 0 || !isProperties(dealProperties)) return undefined;
    }
  }
  return value as ScoreInput;
}

/** A plain object of string or null values (and no `__proto__` key, which the schema's copy would drop). */
function isProperties(value: unknown): value is Record<string, string | null> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const properties = value as Record<string, unknown>;
  for (const key in properties) {
    const raw = properties[key];
    if ((typeof raw !== 'string' && raw !== null) || key === '__proto__') return false;
  }
  return true;
}

/** Follows strings and brackets through `text`; depth below 0 means it closes more than it opens. */
function scan(text: string, state: { depth: number; inString: boolean; escaped: boolean }): { depth: number; inString: boolean; escaped: boolean } {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (state.inString) {
      if (state.escaped) state.escaped = false;
      else if (c === 0x5c) state.escaped = true;
      else if (c === 0x22) state.inString = false;
    } else if (c === 0x22) state.inString = true;
    else if (c === 0x7b || c === 0x5b) state.depth += 1;
    else if (c === 0x7d || c === 0x5d) state.depth -= 1;
  }
  return state;
}

function parsesAlone(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function firstSignificant(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; i += 1) if (!isSpace(chunk[i]!)) return i;
  return -1;
}

function count(chunk: Buffer, byte: number, end: number): number {
  let found = 0;
  for (let i = chunk.indexOf(byte); i !== -1 && i < end; i = chunk.indexOf(byte, i + 1)) found += 1;
  return found;
}
