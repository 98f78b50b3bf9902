import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/backtest/parseCsv';

const fields = (text: string) => {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.records.map((r) => r.fields);
};

describe('parseCsv (RFC 4180)', () => {
  it.each([
    ['plain fields', 'a,b,c\n1,2,3\n', [['a', 'b', 'c'], ['1', '2', '3']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['no final line break', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['a quoted comma', 'name,note\n"Doe, Jane",x\n', [['name', 'note'], ['Doe, Jane', 'x']]],
    ['doubled quotes inside quotes', '"say ""hi""",b\n', [['say "hi"', 'b']]],
    ['a line break inside quotes', 'a,b\n"line 1\nline 2",2\n', [['a', 'b'], ['line 1\nline 2', '2']]],
    ['a CRLF inside quotes, kept as is', '"x\r\ny",1\r\n', [['x\r\ny', '1']]],
    ['empty fields', ',,\n', [['', '', '']]],
    ['an empty quoted field', '"",1\n', [['', '1']]],
    ['a single quoted empty field on its own line', 'a\n""\n', [['a'], ['']]],
    ['a byte order mark before the header', '\ufeffa,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['blank lines between records', 'a\n\n1\n\n', [['a'], ['1']]],
    ['a quote inside an unquoted field, read literally', 'a,b"c\n', [['a', 'b"c']]],
    ['spaces kept as they are', ' a , b \n', [[' a ', ' b ']]],
    ['a bare CR at the very end', 'a,b\r', [['a', 'b']]],
  ])('reads %s', (_name, text, expected) => {
    expect(fields(text)).toEqual(expected);
  });

  it('tells the line where each record starts, past line breaks inside quotes', () => {
    const parsed = parseCsv('a,b\n"1\n2\n3",x\n4,y\n');
    expect(parsed.ok && parsed.records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('refuses a quote that is never closed, naming the line it opened on', () => {
    expect(parseCsv('a,b\n1,2\n3,"oops\n4,5\n')).toEqual({ ok: false, line: 3, reason: 'a quoted field opened on line 3 is never closed; check for a missing "' });
  });

  it('reads an empty file as no records', () => {
    expect(parseCsv('')).toEqual({ ok: true, records: [] });
  });
});
