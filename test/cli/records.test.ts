import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRecords, scoreInputSchema, wellFormed } from '../../src/cli/records';
import type { ParsedRecord } from '../../src/cli/records';
import { createRandom } from '../../src/portal/random';

/** Feeds `text` in chunks of the given sizes (cycled), as a pipe would deliver it. */
async function read(text: string | Buffer, sizes: number[] = [1 << 20]): Promise<ParsedRecord[]> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  async function* chunks() {
    for (let at = 0, i = 0; at < bytes.length; i += 1) {
      const size = sizes[i % sizes.length]!;
      yield bytes.subarray(at, at + size);
      at += size;
    }
  }
  const all: ParsedRecord[] = [];
  for await (const batch of readRecords(chunks())) all.push(...batch);
  return all;
}

const summary = (records: ParsedRecord[]) => records.map((r) => (r.ok ? { index: r.index, line: r.line, contact: r.record.contact } : { index: r.index, line: r.line, error: r.message }));

const LEADS = [
  { contact: { bant_budget: '100000', bant_timeline: '1–3 months', firstname: 'Åsa', city: 'الرياض' } },
  { contact: { bant_need: 'a "quoted" ] value, with { brackets }' } },
  { contact: { bant_authority: 'manager' }, deals: [{ id: 7, properties: { amount: '120000' } }] },
];

describe('readRecords', () => {
  it('reads NDJSON the same whatever the chunks, multi-byte characters split or not', async () => {
    const text = `${LEADS.map((lead) => JSON.stringify(lead)).join('\n')}\n`;
    const whole = await read(text);
    expect(summary(whole)).toEqual(LEADS.map((lead, i) => ({ index: i + 1, line: i + 1, contact: lead.contact })));
    expect(whole[2]).toMatchObject({ ok: true, record: { deals: [{ id: '7' }] } });
    const random = createRandom(5);
    for (let trial = 0; trial < 20; trial += 1) {
      const sizes = Array.from({ length: 9 }, () => 1 + Math.floor(random() * 11));
      expect(summary(await read(text, sizes))).toEqual(summary(whole));
    }
  });

  it('counts blank lines, CRLF and a byte-order mark, and reads a last line without a newline', async () => {
    const text = `\uFEFF\r\n${JSON.stringify(LEADS[0])}\r\n\r\n   \n${JSON.stringify(LEADS[1])}`;
    expect(summary(await read(text, [3]))).toEqual([
      { index: 1, line: 2, contact: LEADS[0]!.contact },
      { index: 2, line: 5, contact: LEADS[1]!.contact },
    ]);
  });

  it('names each bad line by record and line and reads on', async () => {
    const text = [JSON.stringify(LEADS[0]), '', 'not json', '{"contact": {"bant_budget": 100}}', '{"contact": {"bant_need": "perfect"', JSON.stringify(LEADS[2]), '[1]'].join('\n');
    const records = summary(await read(text, [4]));
    expect(records).toEqual([
      { index: 1, line: 1, contact: LEADS[0]!.contact },
      { index: 2, line: 3, error: expect.stringMatching(/^not JSON: /) },
      { index: 3, line: 4, error: 'contact.bant_budget: expected a string as HubSpot stores it (or null), got 100' },
      { index: 4, line: 5, error: 'not JSON: the record never closes its brackets' },
      { index: 5, line: 6, contact: LEADS[2]!.contact },
      { index: 6, line: 7, error: 'expected an object like {"contact": {...}}, got an array' },
    ]);
  });

  it('reads a record printed over several lines, and several of them in a row', async () => {
    const text = `${JSON.stringify(LEADS[0], null, 2)}\n${JSON.stringify(LEADS[1], null, 2)}\n${JSON.stringify(LEADS[2])}\n`;
    const lines0 = JSON.stringify(LEADS[0], null, 2).split('\n').length;
    const lines1 = JSON.stringify(LEADS[1], null, 2).split('\n').length;
    expect(summary(await read(text, [7]))).toEqual([
      { index: 1, line: 1, contact: LEADS[0]!.contact },
      { index: 2, line: 1 + lines0, contact: LEADS[1]!.contact },
      { index: 3, line: 1 + lines0 + lines1, contact: LEADS[2]!.contact },
    ]);
  });

  it('refuses a record whose brackets never close at the end of the input', async () => {
    expect(summary(await read('{\n  "contact": {}\n'))).toEqual([{ index: 1, line: 1, error: 'not JSON: the input ends before the record closes its brackets' }]);
  });

  it('reads a JSON array element by element, whatever the chunks', async () => {
    const text = `\n${JSON.stringify(LEADS, null, 2)}\n`;
    const whole = await read(text);
    expect(summary(whole).map((r) => ('contact' in r ? r.contact : r))).toEqual(LEADS.map((lead) => lead.contact));
    expect(whole.map((r) => r.line)).toEqual([3, 11, 16]);
    for (const size of [1, 2, 5, 13]) expect(summary(await read(text, [size]))).toEqual(summary(whole));
    expect(await read('[]')).toEqual([]);
    expect(summary(await read('[{"contact": {}}]'))).toEqual([{ index: 1, line: 1, contact: {} }]);
  });

  it('names the bad elements of an array and reads the others', async () => {
    const text = '[{"contact": {}}, 5, {"contact": {"a": "b"}},, {"contact": {}}] x';
    expect(summary(await read(text))).toEqual([
      { index: 1, line: 1, contact: {} },
      { index: 2, line: 1, error: 'expected an object like {"contact": {...}}, got 5' },
      { index: 3, line: 1, contact: { a: 'b' } },
      { index: 4, line: 1, error: 'not JSON: an empty element in the array (two commas, or a comma before "]")' },
      { index: 5, line: 1, contact: {} },
      { index: 6, line: 1, error: 'not JSON: text after the array\'s closing "]"' },
    ]);
    expect(summary(await read('[oops'))).toEqual([{ index: 1, line: 1, error: 'not JSON: the input starts like a JSON array but ends before its closing "]"' }]);
  });

  it('reads nothing from an empty or blank input', async () => {
    expect(await read('')).toEqual([]);
    expect(await read('\n \n\t\n')).toEqual([]);
  });
});

describe('wellFormed', () => {
  // Mostly well-formed records, each part sometimes just outside what the schema accepts.
  const sometimes = <T, U>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) => fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: odd });
  const raw = sometimes(fc.oneof(fc.string({ maxLength: 6 }), fc.constant(null)), fc.constantFrom<unknown>(5, true, [], {}));
  const key = sometimes(fc.constantFrom('bant_budget', 'amount', 'dealname', ''), fc.constantFrom('__proto__', 'toString'));
  const properties = sometimes(fc.dictionary(key, raw, { maxKeys: 4 }), fc.constantFrom<unknown>(null, [], 'x', 7));
  const id = sometimes(fc.constantFrom('7', '12345678901'), fc.constantFrom<unknown>('', 7, -3, 1.5, 2 ** 60, null));
  const deal = sometimes(fc.record({ id, properties }), fc.oneof(fc.record({ id, properties, extra: raw }, { requiredKeys: [] }), fc.constantFrom<unknown>(null, [], 'deal')));
  const now = sometimes(fc.constantFrom('2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000+02:00', '2024-02-29T23:59:59.5-05:30'), fc.constantFrom<unknown>('2026-02-30T10:00:00Z', '2026-11-23', 'soon', '', 5, null));
  const deals = sometimes(fc.array(deal, { maxLength: 3 }), fc.constantFrom<unknown>(null, {}, 'x'));
  const record = sometimes(
    fc.record({ now, contact: properties, deals, company: properties }, { requiredKeys: ['contact'] }),
    fc.record({ now, contact: properties, deals, company: properties, extra: raw }, { requiredKeys: [] }),
  );

  it('accepts only what the schema accepts, and gives the record the schema gives', () => {
    let accepted = 0;
    fc.assert(fc.property(record, (value) => {
      // Through JSON, as bant score reads it: own keys only, "__proto__" a plain key.
      const parsed = JSON.parse(JSON.stringify(value)) as object;
      const checked = scoreInputSchema.safeParse(JSON.parse(JSON.stringify(value)));
      const fast = wellFormed(parsed);
      if (fast === undefined) return;
      accepted += 1;
      expect(checked.success).toBe(true);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(checked.data));
      expect(fast).toStrictEqual(checked.data);
    }), { numRuns: 5_000, seed: 15 });
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('takes the usual record as it is', () => {
    const usual = { now: '2026-11-23T10:00:00.000Z', contact: { bant_budget: '120000', bant_need: null }, deals: [{ id: '7', properties: { amount: '5' } }], company: {} };
    expect(wellFormed(usual)).toBe(usual);
    expect(wellFormed({ contact: {} })).toEqual({ contact: {} });
  });

  it('leaves to the schema a numeric deal id (which it turns into text) and anything it refuses', () => {
    expect(wellFormed({ contact: {}, deals: [{ id: 7, properties: {} }] })).toBeUndefined();
    expect(wellFormed({ contact: { bant_budget: 100 } })).toBeUndefined();
    expect(wellFormed({ contact: {}, now: '2026-02-30T10:00:00Z' })).toBeUndefined();
    expect(wellFormed({ contact: {}, extra: 1 })).toBeUndefined();
    expect(wellFormed({ deals: [] })).toBeUndefined();
  });
});
