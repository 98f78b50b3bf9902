/** One CSV record: its fields and where it starts (1-based line of the file). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: string };

/**
 * Reads RFC 4180 CSV: comma-separated fields, double-quoted fields may hold commas, quotes ("")
 * and line breaks; records end with CRLF or LF. A UTF-8 byte order mark (HubSpot's exports carry
 * one) and a final line break are ignored; blank lines are skipped. Pure: text in, records out.
 * A quote left open is the one error, since nothing after it can be read reliably.
 * @example parseCsv('name,note\r\n"Doe, Jane","said ""hi"""\r\n') // records: [['name','note'], ['Doe, Jane','said "hi"']]
 */
export function parseCsv(text: string): CsvParse {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  // A field that was quoted stays a field even when empty; an empty line has no fields at all.
  let touched = false;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    if (touched || fields.length > 1 || fields[0] !== '') records.push({ fields, line: recordLine });
    fields = [];
    touched = false;
  };

  for (let i = 0; i < input.length; i++) {
    const char = input[i];
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
      touched = true;
      quoteLine = line;
    } else if (char === ',') {
      touched = true;
      endField();
    } else if (char === '\r' && (input[i + 1] === '\n' || i + 1 === input.length)) {
      continue;
    } else if (char === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, reason: `a quoted field opened on line ${quoteLine} is never closed; check for a missing "` };
  endRecord();
  return { ok: true, records };
}
