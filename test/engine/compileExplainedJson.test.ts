import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, scoreLead, toDerivedProperties } from '../../src/engine';
import type { LeadRecord, Model } from '../../src/engine';
import { KEPT_VALUE_LENGTH, WORDS_KEPT } from '../../src/engine/compileExplainedJson';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');

/** What `bant score` printed before it had its own printer: the explained result and its properties, through JSON.stringify. */
function reference(model: Model, record: LeadRecord, now: Date): string {
  const result = scoreLead(model, record, now);
  return JSON.stringify({ ...result, properties: toDerivedProperties(model, result, now) });
}

/** The printed bytes (one per character) read back as UTF-8, after checking they are exactly the reference's UTF-8. */
function expectPrintedLikeReference(compiled: ReturnType<typeof compileModel>, record: LeadRecord, now = NOW): string {
  const printed = Buffer.from(compiled.explainJsonBytes(record, now), 'latin1');
  const expected = reference(compiled.model, record, now);
  if (!printed.equals(Buffer.from(expected, 'utf8'))) expect({ record, printed: printed.toString('utf8') }).toEqual({ record, printed: expected });
  return expected;
}

/** Characters JSON escapes or encodes in several bytes: quotes, backslashes, control characters, non-ASCII, emoji, lone surrogates. */
const AWKWARD = ['"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', 'é', '–', 'الميزانية', '😀', '\ud83d', '\ude00', '\u2028', 'a', ' '];
const awkwardText = fc.array(fc.oneof(fc.constantFrom(...AWKWARD), fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code))), { maxLength: 12 }).map((parts) => parts.join(''));

/** The default model with awkward texts wherever a text of its own is printed: ids, labels, option values, grades, actions. */
const AWKWARD_MODEL: Model = {
  ...BANT_DEFAULT,
  id: 'bant "odd" \\ model',
  version: 'v–1\ud800',
  criteria: BANT_DEFAULT.criteria.map((criterion, i) => ({
    ...criterion,
    label: { en: `${criterion.key} "label" \\ ${AWKWARD[i + 8]} \n`, fi: 'x' },
    sources: criterion.sources.map((source) => ({ ...source, property: source.object === 'deal' ? source.property : `${source.property}_"q"\\` })),
    rule: criterion.rule.type === 'options'
      ? { ...criterion.rule, options: [...criterion.rule.options, { value: 'odd "value" \\ \ud83d', label: 'Odd – "label" \udc00 😀', points: 3 }, { value: 'é', label: { fi: 'é-fi' }, points: criterion.max }] }
      : criterion.rule,
  })),
  grades: [{ grade: 'A "top"', min: 70 }, { grade: 'B\\', min: 50 }, { grade: 'C–', min: 30 }, { grade: 'D\n', min: 0 }],
  routing: [{ when: { qualified: true }, action: 'sales "now"' }, { when: { grades: ['A "top"', 'B\\'] }, action: 'later–\ud800' }, { action: 'research\t' }],
};
const OPTION_VALUES = AWKWARD_MODEL.criteria.flatMap((c) => (c.rule.type === 'options' ? c.rule.options.map((o) => o.value) : []));

const rawValue = fc.oneof(fc.constantFrom(...OPTION_VALUES, '', '  ', '100000', '75000.50', ' 60000 ', '-0', '1e5', '2027-01-15', 'abc'), awkwardText, fc.constant(null));
const record = fc.record({
  contact: fc.record({
    ...Object.fromEntries(AWKWARD_MODEL.criteria.map((c) => [c.sources[0]!.property, rawValue])),
    bant_budget_answered_at: fc.oneof(fc.constantFrom('2026-01-02T00:00:00Z', '2026-11-20', 'soon', ''), awkwardText),
    bant_override: fc.constantFrom('qualified', 'not_qualified', 'maybe', ''),
    bant_override_reason: awkwardText,
    bant_override_by: awkwardText,
    bant_override_until: fc.oneof(fc.constantFrom('2026-12-31', '2026-01-01', 'never'), awkwardText),
  }, { requiredKeys: [] }),
  deals: fc.array(fc.record({
    id: fc.oneof(fc.constantFrom('1', '2', '12345678901234567890'), awkwardText.filter((id) => id.length > 0)),
    properties: fc.record({
      amount: fc.oneof(fc.integer({ min: -10, max: 300_000 }).map(String), awkwardText),
      closedate: fc.oneof(fc.date({ min: new Date('2025-01-01'), max: new Date('2029-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), awkwardText),
      hs_is_closed: fc.constantFrom('true', 'false', ''),
      dealname: fc.oneof(fc.constantFrom('Acme renewal', '', '  '), awkwardText, fc.constant(null)),
    }, { requiredKeys: ['amount', 'closedate'] }),
  }), { maxLength: 3 }),
}) as fc.Arbitrary<LeadRecord>;

describe('the explained result printed from the fast score', () => {
  it('is byte for byte what JSON.stringify prints, on awkward texts in the model, the values, the deals and the override', () => {
    const compiled = compileModel(AWKWARD_MODEL);
    // One compiled model for every record, so printed words kept from one record are reused by the next.
    fc.assert(fc.property(record, (lead) => {
      expectPrintedLikeReference(compiled, lead);
    }), { numRuns: 5_000 });
  });

  it('writes each character in UTF-8 (an en dash in 3 bytes, an emoji in 4) and escapes a lone surrogate as JSON.stringify does', () => {
    const compiled = compileModel(AWKWARD_MODEL);
    const lead: LeadRecord = { contact: { 'bant_need_"q"\\': 'odd "value" \\ \ud83d' }, deals: [{ id: '7', properties: { amount: '120000', dealname: 'Ünïcode – 😀 \udc00' } }] };
    const text = expectPrintedLikeReference(compiled, lead);
    expect(text).toContain('"display":"Odd – \\"label\\" \\udc00 😀"');
    expect(text).toContain('"dealName":"Ünïcode – 😀 \\udc00"');
    expect(text).toContain('(from deal \\"Ünïcode – 😀 \\udc00\\", amount)');
    expect(Buffer.byteLength(text)).toBe(compiled.explainJsonBytes(lead, NOW).length);
  });

  it('keeps the words of at most WORDS_KEPT values per source and prints every value right after it starts over', () => {
    const compiled = compileModel(BANT_DEFAULT);
    const values = Array.from({ length: WORDS_KEPT * 2 + 5 }, (_, i) => String(i * 97));
    for (const value of [...values, ...values.slice(0, 10), ...values.slice(-10)]) {
      expectPrintedLikeReference(compiled, { contact: { bant_budget: value, bant_authority: 'manager' } });
    }
  });

  it('prints long values (printed and let go, not kept) like short ones, each time', () => {
    const compiled = compileModel(BANT_DEFAULT);
    const long = `${'9'.repeat(KEPT_VALUE_LENGTH)}1`;
    for (const budget of [long, `${long} `, long, `"${'x'.repeat(100_000)}"\\–`, long]) {
      expectPrintedLikeReference(compiled, { contact: { bant_budget: budget, bant_need: 'perfect' } });
    }
  });

  it('prints a date read from the contact against each moment, not the words kept from an earlier one', () => {
    const model: Model = {
      ...BANT_DEFAULT,
      criteria: BANT_DEFAULT.criteria.map((c) => (c.key === 'timeline' ? { ...c, sources: [{ object: 'contact', property: 'bant_close', rule: c.sources[1]!.rule }] } : c)),
    };
    const compiled = compileModel(model);
    const lead: LeadRecord = { contact: { bant_close: '2027-02-20' } };
    const nows = [NOW, new Date('2026-11-01T00:00:00Z'), NOW, new Date('2026-06-01T00:00:00Z')];
    const printed = nows.map((now) => expectPrintedLikeReference(compiled, lead, now));
    expect(printed[0]).toContain('"2027-02-20 is within 3 months: 20 points (from contact bant_close)"');
    expect(printed[1]).toContain('"2027-02-20 is within 6 months: 10 points (from contact bant_close)"');
    expect(printed[2]).toBe(printed[0]);
    expect(printed[3]).toContain('"2027-02-20 is more than 6 months away: 5 points, below the minimum of 10 (from contact bant_close)"');
  });

  it('prints every verdict right when there are more combinations of failed and stale criteria than it keeps', () => {
    const criteria = Array.from({ length: 12 }, (_, i) => ({
      key: `c${i}`, label: `C${i}`, max: 5, minimum: 5, maxAgeDays: 30,
      sources: [{ object: 'contact' as const, property: `p${i}` }],
      rule: { type: 'boolean' as const, whenTrue: 5, whenFalse: 0 },
    }));
    const model: Model = { ...BANT_DEFAULT, criteria, qualification: { minScore: 40 }, routing: [{ when: { stale: true }, action: 'requalify' }, { when: { failing: ['c0', 'c5'] }, action: 'research' }, { action: 'nurture' }] };
    const compiled = compileModel(model);
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const seen = new Set<string>();
    for (let n = 0; n < 12_000; n += 1) {
      const contact: Record<string, string> = {};
      for (let i = 0; i < 12; i += 1) {
        contact[`p${i}`] = random() < 0.5 ? 'true' : random() < 0.5 ? 'false' : '';
        if (random() < 0.2) contact[`bant_c${i}_answered_at`] = random() < 0.5 ? '2026-01-01' : '2026-11-20';
      }
      const text = expectPrintedLikeReference(compiled, { contact });
      const { failedCriteria, staleCriteria } = JSON.parse(text) as { failedCriteria: string[]; staleCriteria: string[] };
      seen.add(`${failedCriteria.join()}|${staleCriteria.join()}`);
    }
    expect(seen.size).toBeGreaterThan(2048); // more lists than the 1,024 it tells apart at once
  });

  it('prints the unknown criteria, the stamps, the deal and the override of the rare record', () => {
    const compiled = compileModel(BANT_DEFAULT);
    const lead: LeadRecord = {
      contact: { bant_authority: ' director ', bant_authority_answered_at: '2025-01-01', bant_need_answered_at: 'not a date', bant_override: 'qualified', bant_override_until: '2026-12-31', bant_override_reason: 'CFO said yes' },
      deals: [{ id: '9', properties: { amount: '1e400', closedate: '2027-01-10', dealname: ' ' } }],
    };
    const text = expectPrintedLikeReference(compiled, lead);
    expect(JSON.parse(text)).toMatchObject({ verdict: 'qualified', override: { status: 'applies', reason: 'CFO said yes' }, deal: { id: '9', name: null } });
  });
});
