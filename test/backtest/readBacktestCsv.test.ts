import { describe, expect, it } from 'vitest';
import { parseOutcome } from '../../src/backtest/parseOutcome';
import { readBacktestCsv } from '../../src/backtest/readBacktestCsv';
import { BANT_DEFAULT } from '../../src/models';

function read(csv: string, outcomeColumn = 'outcome') {
  const result = readBacktestCsv(csv, [BANT_DEFAULT], outcomeColumn, 'export.csv');
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
  it('reads the model properties by internal name, whatever the case, and ignores other columns', () => {
    const input = read('Email,BANT_NEED,bant_budget,Notes,outcome\na@x.example,perfect,100000,hello,won\n');
    expect(input.leads).toEqual([{ row: 2, id: null, won: true, lead: { contact: { bant_need: 'perfect', bant_budget: '100000' } } }]);
  });

  it('parses quoted fields with commas, quotes and line breaks in a HubSpot export (BOM, CRLF)', () => {
    const csv = '\ufeffRecord ID,Company Name,Notes,bant_need,outcome\r\n'
      + '11,"Acme, Inc.","said ""call me""\r\nnext week",perfect,yes\r\n'
      + '12,Bluefin,,low,no\r\n';
    const input = read(csv);
    expect(input.leads.map((l) => [l.row, l.id, l.lead.contact.bant_need, l.won])).toEqual([[2, '11', 'perfect', true], [3, '12', 'low', false]]);
    expect(input.badRows).toEqual([]);
  });

  it('reads enumeration answers exported as labels as the option values', () => {
    const input = read('bant_authority,bant_need,bant_timeline,outcome\nManager,Perfect match,1–3 months,1\nC-LEVEL EXECUTIVE,partial,3_6_months,0\n');
    expect(input.leads.map((l) => l.lead.contact)).toEqual([
      { bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '1_3_months' },
      { bant_authority: 'c_level', bant_need: 'partial', bant_timeline: '3_6_months' },
    ]);
  });

  it('turns deal.<property> columns into the lead\'s open deal, and leaves it out when they are empty', () => {
    const input = read('Record ID,deal.amount,deal.closedate,outcome\n5,75000,2027-01-10,won\n6,,,lost\n');
    expect(input.leads[0]?.lead.deals).toEqual([{ id: '5', properties: { amount: '75000', closedate: '2027-01-10', hs_is_closed: 'false' } }]);
    expect(input.leads[1]?.lead.deals).toBeUndefined();
  });

  it('uses the outcome column given, in any case', () => {
    const input = read('bant_need,Became Customer\nperfect,true\n', 'became customer');
    expect(input.leads[0]?.won).toBe(true);
    expect(input.outcomeColumn).toBe('became customer');
  });

  it('lists rows with a missing or unreadable outcome or the wrong number of fields, with row number and reason', () => {
    const csv = 'Record ID,bant_need,outcome\n1,perfect,won\n2,low,\n3,partial,maybe\n4,low,won,extra\n5\n6,"partial, really",lost\n';
    const input = read(csv);
    expect(input.rows).toBe(6);
    expect(input.leads.map((l) => l.id)).toEqual(['1', '6']);
    expect(input.badRows).toEqual([
      { row: 3, id: '2', reason: 'outcome is empty; fill in won or lost (or 1/0, true/false, yes/no)' },
      { row: 4, id: '3', reason: 'outcome "maybe" is not an outcome; use won or lost (or 1/0, true/false, yes/no)' },
      { row: 5, id: '4', reason: 'has 4 fields, the header has 3; check for an unquoted comma or a missing field' },
      { row: 6, id: '5', reason: 'has 1 field, the header has 3; check for an unquoted comma or a missing field' },
    ]);
  });

  it('keeps the raw value of an answer the model cannot read, for the backtest to report', () => {
    expect(read('bant_budget,outcome\nlots,won\n').leads[0]?.lead.contact).toEqual({ bant_budget: 'lots' });
  });
});

describe('files it refuses', () => {
  it.each([
    ['an empty file', '', 'export.csv is empty; expected a header row with the model\'s properties and an "outcome" column'],
    ['no outcome column', 'bant_need,result\nperfect,won\n', 'export.csv has no "outcome" column (columns: bant_need, result); name the outcome column with --outcome-column'],
    ['no column the model reads', 'email,outcome\na@x.example,won\n', 'none of the columns of export.csv is a property the model reads; expected some of bant_budget, deal.amount, bant_authority, bant_need, bant_timeline, deal.closedate'],
    ['a quote never closed', 'bant_need,outcome\n"perfect,won\n', 'export.csv is not valid CSV: a quoted field opened on line 2 is never closed; check for a missing "'],
  ])('refuses %s with a message saying what to fix', (_name, csv, message) => {
    expect(readBacktestCsv(csv, [BANT_DEFAULT], 'outcome', 'export.csv')).toEqual({ ok: false, message });
  });
});
