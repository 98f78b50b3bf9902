import { describe, expect, it } from 'vitest';
import { parseOutcome } from '../../src/backtest/parseOutcome';
import { readBacktestCsv } from '../../src/backtest/readBacktestCsv';
import { BANT_DEFAULT } from '../../src/models';

async function read(csv: string, outcomeColumn = 'outcome') {
  const result = await readBacktestCsv(csv, [BANT_DEFAULT], outcomeColumn, 'export.csv');
  if (!result.ok) throw new Error(result.message);
  return result.input;
}

describe('parseOutcome', () => {
  it.each(['won', 'WON', ' Won ', '1', 'true', 'TRUE', 'yes', 'Yes', 'closedwon', 'Closed Won'])('reads %j as won', (raw) => {
    expect(parseOutcome(raw, 'outcome')).toEqual({ ok: true, won: true });
  });
  it.each(['lost', 'LOST', '0', 'false', 'no', 'No', 'closedlost'])('reads %j as lost', (raw) => {
    expect(parseOutcome(raw, 'outcome')).toEqual({ ok: true, won: false });
  });
  it('refuses an empty outcome, naming the column', () => {
    expect(parseOutcome('  ', 'Became customer')).toEqual({ ok: false, reason: 'Became customer is empty; fill in won or lost (or 1/0, true/false, yes/no)' });
  });
  it('refuses an outcome it cannot read instead of guessing', () => {
    expect(parseOutcome('maybe', 'outcome')).toEqual({ ok: false, reason: 'outcome "maybe" is not an outcome; use won or lost (or 1/0, true/false, yes/no)' });
  });
});

describe('readBacktestCsv', () => {
  it('reads the model properties by internal name, whatever the case, and ignores other columns', async () => {
    const input = await read('Email,BANT_NEED,bant_budget,Notes,outcome\na@x.example,perfect,100000,hello,won\n');
    expect(input.leads).toEqual([{ row: 2, id: null, won: true, lead: { contact: { bant_need: 'perfect', bant_budget: '100000' } } }]);
  });

  it('parses quoted fields with commas, quotes and line breaks in a HubSpot export (BOM, CRLF)', async () => {
    const csv = '\ufeffRecord ID,Company Name,Notes,bant_need,outcome\r\n'
      + '11,"Acme, Inc.","said ""call me""\r\nnext week",perfect,yes\r\n'
      + '12,Bluefin,,low,no\r\n';
    const input = await read(csv);
    expect(input.leads.map((l) => [l.row, l.id, l.lead.contact.bant_need, l.won])).toEqual([[2, '11', 'perfect', true], [3, '12', 'low', false]]);
    expect(input.badRows).toEqual([]);
  });

  it('reads enumeration answers exported as labels as the option values', async () => {
    const input = await read('bant_authority,bant_need,bant_timeline,outcome\nManager,Perfect match,1–3 months,1\nC-LEVEL EXECUTIVE,partial,3_6_months,0\n');
    expect(input.leads.map((l) => l.lead.contact)).toEqual([
      { bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '1_3_months' },
      { bant_authority: 'c_level', bant_need: 'partial', bant_timeline: '3_6_months' },
    ]);
  });

  it('turns deal.<property> columns into the lead\'s open deal, and leaves it out when they are empty', async () => {
    const input = await read('Record ID,deal.amount,deal.closedate,outcome\n5,75000,2027-01-10,won\n6,,,lost\n');
    expect(input.leads[0]?.lead.deals).toEqual([{ id: '5', properties: { amount: '75000', closedate: '2027-01-10', hs_is_closed: 'false' } }]);
    expect(input.leads[1]?.lead.deals).toBeUndefined();
  });

  it('uses the outcome column given, in any case', async () => {
    const input = await read('bant_need,Became Customer\nperfect,true\n', 'became customer');
    expect(input.leads[0]?.won).toBe(true);
    expect(input.outcomeColumn).toBe('became customer');
  });

  it('lists rows with a missing or unreadable outcome or the wrong number of fields, with row number and reason', async () => {
    const csv = 'Record ID,bant_need,outcome\n1,perfect,won\n2,low,\n3,partial,maybe\n4,low,won,extra\n5\n6,"partial, really",lost\n';
    const input = await read(csv);
    expect(input.rows).toBe(6);
    expect(input.leads.map((l) => l.id)).toEqual(['1', '6']);
    expect(input.badRows).toEqual([
      { row: 3, id: '2', reason: 'outcome is empty; fill in won or lost (or 1/0, true/false, yes/no)' },
      { row: 4, id: '3', reason: 'outcome "maybe" is not an outcome; use won or lost (or 1/0, true/false, yes/no)' },
      { row: 5, id: '4', reason: 'has 4 fields, the header has 3; check for an unquoted comma or a missing field' },
      { row: 6, id: '5', reason: 'has 1 field, the header has 3; check for an unquoted comma or a missing field' },
    ]);
  });

  it('keeps the raw value of an answer the model cannot read, for the backtest to report', async () => {
    expect((await read('bant_budget,outcome\nlots,won\n')).leads[0]?.lead.contact).toEqual({ bant_budget: 'lots' });
  });
});

describe('CSV as HubSpot and spreadsheets write it (csv-parse, RFC 4180)', () => {
  const budgets = async (csv: string | AsyncIterable<string | Uint8Array>, options = {}) => {
    const result = await readBacktestCsv(csv, [BANT_DEFAULT], 'outcome', 'export.csv', options);
    if (!result.ok) throw new Error(result.message);
    return result.input.leads.map((lead) => lead.lead.contact.bant_budget);
  };

  it.each([
    ['CRLF line ends', 'bant_budget,outcome\r\n1,won\r\n2,lost\r\n', ['1', '2']],
    ['no final line break', 'bant_budget,outcome\n1,won', ['1']],
    ['a quoted comma', 'bant_budget,outcome\n"1,5",won\n', ['1,5']],
    ['doubled quotes inside quotes', 'bant_budget,outcome\n"say ""hi""",won\n', ['say "hi"']],
    ['a line break inside quotes', 'bant_budget,outcome\n"line 1\nline 2",won\n', ['line 1\nline 2']],
    ['a CRLF inside quotes, kept as is', 'bant_budget,outcome\r\n"x\r\ny",won\r\n', ['x\r\ny']],
    ['empty fields', 'bant_budget,outcome,notes\n,won,\n', ['']],
    ['an empty quoted field', 'bant_budget,outcome\n"",won\n', ['']],
    ['a byte order mark before the header', '\ufeffbant_budget,outcome\n1,won\n', ['1']],
    ['blank lines between records', 'bant_budget,outcome\n\n1,won\n\n2,lost\n\n', ['1', '2']],
    ['a quote inside an unquoted field, read literally', 'bant_budget,outcome\n1"2,won\n', ['1"2']],
    ['spaces kept as they are', 'bant_budget,outcome\n 1 ,won\n', [' 1 ']],
    ['a bare CR at the very end', 'bant_budget,outcome\r\n1,won\r', ['1']],
  ])('reads %s', async (_name, csv, expected) => {
    expect(await budgets(csv)).toEqual(expected);
  });

  it('reads a stream split anywhere: inside quotes, line ends and multi-byte characters', async () => {
    const bytes = Buffer.from('\ufeffRecord ID,bant_budget,outcome\r\n1,"Zürich, ""north""\r\nof €",won\r\n2,5000,lost\r\n');
    async function* everyThreeBytes() {
      for (let at = 0; at < bytes.length; at += 3) yield bytes.subarray(at, at + 3);
    }
    expect(await budgets(everyThreeBytes())).toEqual(['Zürich, "north"\r\nof €', '5000']);
  });

  it('names a ragged row by its row number, past a line break inside quotes', async () => {
    const result = await readBacktestCsv('Record ID,bant_need,outcome\n1,"perfect\nreally",won\n2,low,won,extra\n', [BANT_DEFAULT], 'outcome', 'export.csv');
    expect(result.ok && result.input.badRows).toEqual([
      { row: 3, id: '2', reason: 'has 4 fields, the header has 3; check for an unquoted comma or a missing field' },
    ]);
  });

  it('detects ";" between fields and says so', async () => {
    const notices: string[] = [];
    expect(await budgets('Record ID;bant_budget;outcome\n1;"1;5";won\n', { onNotice: (m: string) => notices.push(m) })).toEqual(['1;5']);
    expect(notices).toEqual(['reading export.csv with ";" between fields: its header has 2 semicolons and 0 commas; pass --delimiter "," if that is wrong']);
  });

  it('reads commas by default, without a notice, even with semicolons in a quoted header field', async () => {
    const notices: string[] = [];
    expect(await budgets('"a;b;c",bant_budget,outcome\nx,1,won\n', { onNotice: (m: string) => notices.push(m) })).toEqual(['1']);
    expect(notices).toEqual([]);
  });

  it('reads the delimiter it is given', async () => {
    expect(await budgets('bant_budget\toutcome\n1,5\twon\n', { delimiter: '\t' })).toEqual(['1,5']);
  });

  it('suggests the delimiter when the header came out as one column', async () => {
    expect(await readBacktestCsv('bant_budget|outcome\n1|won\n', [BANT_DEFAULT], 'outcome', 'export.csv')).toEqual({
      ok: false, message: 'export.csv has no "outcome" column (columns: bant_budget|outcome); name the outcome column with --outcome-column, or pass --delimiter "|" if its fields are separated by bars',
    });
  });
});

describe('files it refuses', () => {
  it.each([
    ['an empty file', '', 'export.csv is empty; expected a header row with the model\'s properties and an "outcome" column'],
    ['no outcome column', 'bant_need,result\nperfect,won\n', 'export.csv has no "outcome" column (columns: bant_need, result); name the outcome column with --outcome-column'],
    ['no column the model reads', 'email,outcome\na@x.example,won\n', 'none of the columns of export.csv is a property the model reads; expected some of bant_budget, deal.amount, bant_authority, bant_need, bant_timeline, deal.closedate'],
    ['a quote never closed', 'bant_need,outcome\n"perfect,won\n', 'export.csv is not valid CSV: a quoted field opened on line 2 is never closed; check for a missing "'],
    ['a quote never closed, lines before the end', 'bant_need,outcome\nlow,won\nlow,"oops\nlow,won\n', 'export.csv is not valid CSV: a quoted field opened on line 3 is never closed; check for a missing "'],
    ['a quote never closed, CRLF', 'bant_need,outcome\r\n"x\r\ny\r\n', 'export.csv is not valid CSV: a quoted field opened on line 2 is never closed; check for a missing "'],
  ])('refuses %s with a message saying what to fix', async (_name, csv, message) => {
    expect(await readBacktestCsv(csv, [BANT_DEFAULT], 'outcome', 'export.csv')).toEqual({ ok: false, message });
  });
});
