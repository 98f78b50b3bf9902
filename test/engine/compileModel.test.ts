import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, parseDate, readDate, readNumber, parseNumber, scoreLead, toDerivedProperties, validateModel } from '../../src/engine';
import type { DealPolicy, LeadRecord, LeadResult, LeadScore, Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { PRESETS } from '../../src/models/catalog';

const NOW = new Date('2026-11-23T10:00:00.000Z');

/** A small seeded generator (mulberry32), so 100,000 leads are the same on every run and quick to make. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof seeded>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const SOME_TIME = { min: Date.parse('2024-01-01'), max: Date.parse('2029-01-01') };

/** Raw values as HubSpot (or a careless import) might hold them, valid and not. */
function numberText(random: Random): string {
  switch (random.int(0, 2)) {
    case 0: return String(random.int(-1000, 300_000));
    case 1: return String((random.next() - 0.01) * 10 ** random.int(0, 6));
    default: return random.pick(['', ' ', '0', '49999.99', '50000', '100000', '100000.00', ' 75000 ', '-0', '+5', '.5', '5.', '1e5', '1e400', '0x10', 'Infinity', 'abc', '12345678901234567890', '50', '75', '100', '3', '4', '5']);
  }
}

function dateText(random: Random): string {
  const iso = new Date(random.int(SOME_TIME.min, SOME_TIME.max)).toISOString();
  switch (random.int(0, 5)) {
    case 0: return iso;
    case 1: return iso.slice(0, 10);
    case 2: return iso.replace(/\.\d{3}Z$/, 'Z');
    case 3: return String(Date.parse(iso));
    case 4: {
      const hour = random.int(0, 25);
      const time = hour % 3 === 0 ? '' : `T${pad(hour)}:${pad(random.int(0, 60))}:00${hour % 2 ? '.000Z' : '+02:00'}`;
      return `${random.int(2025, 2028)}-${pad(random.int(0, 13))}-${pad(random.int(0, 32))}${time}`;
    }
    default: return random.pick(['', 'next spring', '2027-02-30', '2027-02-28', '2028-02-29', '2027-02-31T00:00:00Z', '2027-01-01T24:00:00Z', ' 2027-01-15 ', '0050-01-01T00:00:00Z', '2027-1-1', '2026-10-01', '2026-10-01T00:00:00.000Z']);
  }
}

const MODELS: Array<[string, Model]> = PRESETS.map((preset) => {
  if (!preset.checked.ok) throw new Error(`preset ${preset.id} does not validate`);
  return [preset.id, preset.checked.model];
});

/** A model with every rule type, sources on every object, fractional points and capped sums. */
const options = [{ value: 'security', label: 'Security', points: 7.5 }, { value: 'speed', label: 'Speed', points: 8.1 }, { value: 'cost', label: 'Cost', points: 12.2 }];
const EVERY_RULE: Model = {
  ...BANT_DEFAULT,
  id: 'every-rule',
  committee: undefined,
  criteria: [
    { key: 'sum', label: 'Sum', max: 20, minimum: 10, maxAgeDays: 30, sources: [{ object: 'contact', property: 'c_sum' }, { object: 'company', property: 'm_sum' }], rule: { type: 'multi', mode: 'sum', options } },
    { key: 'best', label: 'Best', max: 12.5, minimum: 8, sources: [{ object: 'deal', property: 'd_best' }], rule: { type: 'multi', mode: 'max', options } },
    { key: 'cover', label: 'Cover', max: 25, minimum: 15, sources: [{ object: 'contact', property: 'c_cover' }], rule: { type: 'coverage', options: options.map(({ value, label }) => ({ value, label })), bands: [{ from: 66, points: 25 }, { from: 33.3, to: 66, points: 15 }, { from: 0, to: 33.3, points: 0 }] } },
    { key: 'flag', label: 'Flag', max: 5, minimum: 5, sources: [{ object: 'company', property: 'm_flag' }, { object: 'contact', property: 'c_flag' }], rule: { type: 'boolean', whenTrue: 5, whenFalse: 0 } },
    { key: 'share', label: 'Share', max: 20, minimum: 0, sources: [{ object: 'deal', property: 'amount' }, { object: 'contact', property: 'c_share' }], rule: { type: 'bands', unit: 'percent', bands: [{ from: 50, to: 100.5, points: 20 }, { from: 10, to: 50, points: 9.9 }, { from: -5, to: 10, points: 0.1 }] } },
    { key: 'when', label: 'When', max: 20, minimum: 10, maxAgeDays: 90, sources: [{ object: 'deal', property: 'closedate' }, { object: 'contact', property: 'c_when' }], rule: { type: 'date_window', windows: [{ withinMonths: 1, points: 20 }, { withinMonths: 13, points: 10 }], later: 2 } },
  ],
  grades: [{ grade: 'A', min: 60.5 }, { grade: 'B', min: 40 }, { grade: 'C', min: 0 }],
  qualification: { minScore: 60.5 },
  routing: [{ when: { failing: ['flag', 'cover'] }, action: 'research' }, { when: { qualified: true, stale: false, grades: ['A'] }, action: 'sales_now' }, { when: { stale: true }, action: 'requalify' }, { action: 'nurture' }],
  overrides: { who: 'editors', routing: 'computed' },
};

/** Every option value any of these models knows. */
const MODEL_VALUES = [...new Set([...MODELS.map(([, model]) => model), EVERY_RULE].flatMap((model) => model.criteria)
  .flatMap((c) => [c.rule, ...c.sources.map((s) => s.rule)])
  .flatMap((rule) => (!rule ? [] : rule.type === 'likert' ? rule.levels : rule.type === 'options' || rule.type === 'multi' || rule.type === 'coverage' ? rule.options : []))
  .map((o) => o.value))];

function optionText(random: Random): string {
  if (random.next() < 0.7) return random.pick([...MODEL_VALUES, '', '  ', 'intern', 'true', 'FALSE', ' yes', 'TRUE ']);
  return Array.from({ length: random.int(0, 4) }, () => random.pick([...MODEL_VALUES, 'unknown', ' speed '])).join(';');
}

/** Any raw value: numbers, dates and options go to every property, so each rule also sees junk. */
function rawValue(random: Random): string | null | undefined {
  const kind = random.int(0, 9);
  if (kind === 0) return null;
  if (kind === 1) return undefined;
  return kind < 4 ? numberText(random) : kind < 7 ? dateText(random) : optionText(random);
}

function propertiesOf(model: Model, object: 'contact' | 'deal' | 'company'): string[] {
  return [...new Set(model.criteria.flatMap((c) => c.sources.filter((s) => s.object === object).map((s) => s.property)))];
}

/** `count` random leads for a model: its own properties with any value, 0–4 deals with ties and closed ones. */
function randomLeads(model: Model, count: number, seed: number): LeadRecord[] {
  const random = seeded(seed);
  const record = (names: string[]) => Object.fromEntries(names.map((name) => [name, rawValue(random)]).filter(([, value]) => value !== undefined));
  const dealProperties = propertiesOf(model, 'deal');
  // Answer stamps around every maximum age, and overrides with and without a last day.
  const stamp = () => random.pick([
    () => '', () => dateText(random), () => new Date(NOW.getTime() - random.int(0, 400) * 86_400_000 + random.int(-1, 1)).toISOString(),
    () => String(NOW.getTime() - random.int(85, 95) * 86_400_000),
  ])();
  const trust = (): Record<string, string> => Object.fromEntries([
    ...model.criteria.map((c) => [`bant_${c.key}_answered_at`, stamp()]),
    ...(random.next() < 0.3 ? [['bant_override', random.pick(['qualified', 'not_qualified', 'maybe', ''])], ['bant_override_until', random.pick(['', dateText(random), '2026-11-23', '2027-01-31'])]] : []),
  ]);
  return Array.from({ length: count }, () => ({
    contact: { ...record(propertiesOf(model, 'contact')), ...trust() },
    company: record(propertiesOf(model, 'company')),
    deals: Array.from({ length: random.int(0, 4) }, () => ({
      id: random.next() < 0.9 ? String(random.int(1, 30)) : random.pick(['12345678901234567890', '007', 'x1']),
      properties: {
        amount: numberText(random),
        closedate: dateText(random),
        ...record(dealProperties),
        createdate: random.next() < 0.3 ? '2026-10-01' : dateText(random),
        hs_is_closed: random.pick(['true', 'false', 'TRUE', '', ' true ']),
        dealname: random.pick(['Acme renewal', '']),
      },
    })),
  }));
}

/** The numbers of an explained result, shaped like the fast path's, for a readable diff. */
function numbersOf(result: LeadResult) {
  return {
    score: result.score,
    qualified: result.qualified,
    grade: result.grade,
    nextAction: result.nextAction,
    failedCriteria: result.failedCriteria,
    completeness: result.completeness,
    staleCriteria: result.staleCriteria,
    verdict: result.verdict,
    overridden: result.override?.status === 'applies',
    criteria: result.criteria.map((c) => ({ key: c.key, points: c.points, status: c.status, value: c.value, source: c.source ? `${c.source.object}.${c.source.property}` : null, stale: c.stale })),
    deal: result.deal?.id ?? null,
  };
}

function fastNumbersOf(lead: LeadScore): ReturnType<typeof numbersOf> {
  return {
    ...lead,
    failedCriteria: [...lead.failedCriteria],
    staleCriteria: [...lead.staleCriteria],
    criteria: lead.criteria.map((c) => ({ ...c, source: c.source ? `${c.source.object}.${c.source.property}` : null })),
    deal: lead.deal?.id ?? null,
  };
}

/** Field by field, without building anything: 100,000 comparisons stay quick. */
function agrees(fast: LeadScore, explained: LeadResult): boolean {
  if (fast.score !== explained.score || fast.qualified !== explained.qualified || fast.grade !== explained.grade) return false;
  if (fast.nextAction !== explained.nextAction || fast.completeness !== explained.completeness) return false;
  if ((fast.deal?.id ?? null) !== (explained.deal?.id ?? null)) return false;
  if (fast.failedCriteria.length !== explained.failedCriteria.length || fast.failedCriteria.some((key, i) => key !== explained.failedCriteria[i])) return false;
  if (fast.staleCriteria.length !== explained.staleCriteria.length || fast.staleCriteria.some((key, i) => key !== explained.staleCriteria[i])) return false;
  if (fast.verdict !== explained.verdict || fast.overridden !== (explained.override?.status === 'applies')) return false;
  return fast.criteria.length === explained.criteria.length && fast.criteria.every((c, i) => {
    const e = explained.criteria[i]!;
    return c.key === e.key && c.points === e.points && c.status === e.status && c.value === e.value && c.stale === e.stale &&
      c.source?.object === e.source?.object && c.source?.property === e.source?.property;
  });
}

function sameProperties(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key, i) => Object.keys(b)[i] === key && a[key] === b[key]);
}

/** `printed` (UTF-8 bytes, one per character) is the UTF-8 of `JSON.stringify(result)`, byte for byte. */
function expectSameBytes(printed: string, result: LeadResult & { properties: Record<string, string> }, record: LeadRecord): void {
  const expected = JSON.stringify(result);
  if (!Buffer.from(printed, 'latin1').equals(Buffer.from(expected, 'utf8'))) expect({ record, printed: Buffer.from(printed, 'latin1').toString('utf8') }).toEqual({ record, printed: expected });
}

function expectAgreement(model: Model, leads: LeadRecord[], now = NOW): number {
  const compiled = compileModel(model);
  let compared = 0;
  for (const record of leads) {
    const explained = scoreLead(model, record, now);
    const fast = compiled.score(record, now);
    if (!agrees(fast, explained)) expect({ record, result: fastNumbersOf(fast) }).toEqual({ record, result: numbersOf(explained) });
    const properties = compiled.derived(fast, now);
    const expected = toDerivedProperties(model, explained, now);
    if (!sameProperties(properties, expected)) expect({ record, properties }).toEqual({ record, properties: expected });
    // `bant score` writes the explained result's properties through the compiled model too.
    const fromExplained = compiled.derived(explained, now);
    if (!sameProperties(fromExplained, expected)) expect({ record, properties: fromExplained }).toEqual({ record, properties: expected });
    // ...and prints the explained result from the fast score, byte for byte what JSON.stringify gives.
    expectSameBytes(compiled.explainJsonBytes(record, now), { ...explained, properties: expected }, record);
    compared += 1;
  }
  return compared;
}

describe('the compiled fast path', () => {
  it('agrees with scoreLead and toDerivedProperties on 100,000 random leads of the default model', () => {
    const leads = randomLeads(BANT_DEFAULT, 100_000, 20261123);
    expect(expectAgreement(BANT_DEFAULT, leads)).toBe(100_000);
  });

  it('has a test model with every rule type that validates', () => {
    expect(validateModel(EVERY_RULE)).toEqual({ ok: true, model: EVERY_RULE });
    expect(new Set(EVERY_RULE.criteria.map((c) => c.rule.type))).toEqual(new Set(['multi', 'coverage', 'boolean', 'bands', 'date_window']));
  });

  it.each([...MODELS, ['every-rule', EVERY_RULE] as [string, Model]])('agrees with scoreLead on 5,000 random leads of %s, under every deal policy', (_, preset) => {
    for (const policy of ['newest_open', 'largest_open', 'soonest_closing_open'] satisfies DealPolicy[]) {
      const model: Model = { ...preset, dealSelection: { policy } };
      const leads = randomLeads(model, 5_000, 7);
      expect(expectAgreement(model, leads, new Date('2027-01-31T23:00:00.000Z'))).toBe(5_000);
    }
  });

  it('follows now: the same compiled model scores a close date against each moment', () => {
    const compiled = compileModel(BANT_DEFAULT);
    const lead: LeadRecord = { contact: {}, deals: [{ id: '1', properties: { closedate: '2027-02-23T10:00:00.000Z' } }] };
    expect(compiled.score(lead, NOW).criteria[3]?.points).toBe(20);
    expect(compiled.score(lead, new Date('2026-11-22T10:00:00.000Z')).criteria[3]?.points).toBe(10);
    expect(compiled.derived(compiled.score(lead, NOW), new Date('2027-01-01T00:00:00.000Z')).bant_scored_at).toBe('2027-01-01T00:00:00.000Z');
  });

  it('explains like scoreLead', () => {
    const record: LeadRecord = { contact: { bant_budget: '120000' } };
    expect(compileModel(BANT_DEFAULT).explain(record, NOW)).toEqual(scoreLead(BANT_DEFAULT, record, NOW));
  });
});

describe('the fast readers', () => {
  it('read every number and date as parseNumber and parseDate do', () => {
    const random = seeded(3);
    const texts = fc.oneof(fc.nat().map((n) => (n % 2 ? numberText(random) : dateText(random))), fc.string(), fc.stringMatching(/^[0-9T:.Z+-]{8,26}$/));
    fc.assert(fc.property(texts, (raw) => {
      const number = parseNumber(raw);
      expect(readNumber(raw)).toBe(number.ok ? number.value : NaN);
      const date = parseDate(raw);
      expect(readDate(raw)).toBe(date.ok ? date.value.getTime() : NaN);
    }), { numRuns: 20_000 });
  });
});

describe('models with many criteria', () => {
  it('refuses more criteria than the fast path can track, by name', () => {
    const many: Model = { ...BANT_DEFAULT, criteria: Array.from({ length: 32 }, (_, i) => ({ ...BANT_DEFAULT.criteria[1]!, key: `c${i}`, max: 1, minimum: 0, rule: { type: 'boolean', whenTrue: 1, whenFalse: 0 } })) };
    const checked = validateModel(many);
    expect(checked.ok ? [] : checked.problems).toContainEqual({ path: 'criteria', code: 'criteria.tooMany', params: { count: '32', max: '31' }, message: '32 criteria; a model can have at most 31, merge or remove some' });
    expect(() => compileModel(many)).toThrow('a model can have at most 31 criteria, this one has 32');
  });
});
