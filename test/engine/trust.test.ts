import { describe, expect, it } from 'vitest';
import { compileModel, derivedPropertyNames, propertiesRead, readOverride, scoreLead, stampsRead, toDerivedProperties, validateModel } from '../../src/engine';
import type { LeadRecord, LeadResult, Model, RawProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const daysBefore = (days: number, ms = 0) => new Date(NOW.getTime() - days * DAY - ms).toISOString();
/** The seed's lead: score 80, every criterion met, qualified. */
const SEED: RawProperties = { bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' };

/** Scores on both paths and checks they agree on what the trust features decide. */
function scoreBoth(model: Model, contact: RawProperties, deals: LeadRecord['deals'] = [], now = NOW): LeadResult {
  const record: LeadRecord = { contact, deals };
  const explained = scoreLead(model, record, now);
  const compiled = compileModel(model);
  const fast = compiled.score(record, now);
  expect({
    stale: fast.criteria.map((c) => c.stale), staleCriteria: [...fast.staleCriteria], verdict: fast.verdict, overridden: fast.overridden, nextAction: fast.nextAction,
  }).toEqual({
    stale: explained.criteria.map((c) => c.stale), staleCriteria: explained.staleCriteria, verdict: explained.verdict,
    overridden: explained.override?.status === 'applies', nextAction: explained.nextAction,
  });
  expect(compiled.derived(fast, now)).toEqual(toDerivedProperties(model, explained, now));
  return explained;
}

describe('stale answers', () => {
  it('gives the default model its ages: Timeline 90, Budget 180, Need 180, Authority 365 days', () => {
    expect(BANT_DEFAULT.criteria.map((c) => [c.key, c.maxAgeDays])).toEqual([['budget', 180], ['authority', 365], ['need', 180], ['timeline', 90]]);
    expect(stampsRead(BANT_DEFAULT)).toEqual(['bant_budget_answered_at', 'bant_authority_answered_at', 'bant_need_answered_at', 'bant_timeline_answered_at']);
  });

  it.each([
    ['exactly 90 days old is not stale', daysBefore(90), false],
    ['90 days and a millisecond old is stale', daysBefore(90, 1), true],
    ['89 days old is not stale', daysBefore(89), false],
    ['91 days old is stale', daysBefore(91), true],
    ['an epoch-millisecond stamp 91 days old is stale', String(NOW.getTime() - 91 * DAY), true],
    ['a stamp in the future is not stale', daysBefore(-3), false],
    ['no stamp is not stale', '', false],
    ['an unreadable stamp is not stale', 'last spring', false],
  ])('timeline answer: %s', (_, stamp, stale) => {
    const result = scoreBoth(BANT_DEFAULT, { ...SEED, bant_timeline_answered_at: stamp });
    const timeline = result.criteria.find((c) => c.key === 'timeline')!;
    expect(timeline.stale).toBe(stale);
    expect(result.staleCriteria).toEqual(stale ? ['timeline'] : []);
  });

  it('keeps points, the verdict and the grade, and routes a qualified lead with a stale answer to requalify', () => {
    const fresh = scoreBoth(BANT_DEFAULT, { ...SEED, bant_authority_answered_at: daysBefore(365) });
    const old = scoreBoth(BANT_DEFAULT, { ...SEED, bant_authority_answered_at: daysBefore(366) });
    expect([fresh.score, fresh.qualified, fresh.grade, fresh.nextAction]).toEqual([80, true, 'A', 'sales_now']);
    expect([old.score, old.qualified, old.grade, old.nextAction, old.verdict]).toEqual([80, true, 'A', 'requalify', 'qualified']);
    expect(old.criteria.map((c) => c.points)).toEqual(fresh.criteria.map((c) => c.points));
  });

  it('routes a lead that does not qualify as before, stale or not', () => {
    const result = scoreBoth(BANT_DEFAULT, { ...SEED, bant_need: 'low', bant_need_answered_at: daysBefore(400) });
    expect([result.qualified, result.staleCriteria, result.nextAction]).toEqual([false, ['need'], 'sales_later']);
  });

  it('lists stale criteria in model order in bant_stale_criteria, and "" when none', () => {
    const stamps = { bant_timeline_answered_at: daysBefore(200), bant_budget_answered_at: daysBefore(200), bant_need_answered_at: daysBefore(10) };
    expect(toDerivedProperties(BANT_DEFAULT, scoreBoth(BANT_DEFAULT, { ...SEED, ...stamps }), NOW).bant_stale_criteria).toBe('budget;timeline');
    expect(toDerivedProperties(BANT_DEFAULT, scoreBoth(BANT_DEFAULT, SEED), NOW).bant_stale_criteria).toBe('');
  });

  it('dates only the contact\'s answer: a value from the deal or no value at all is never stale', () => {
    const deals = [{ id: '7', properties: { amount: '150000', createdate: '2026-01-01', hs_is_closed: 'false' } }];
    const fromDeal = scoreBoth(BANT_DEFAULT, { ...SEED, bant_budget: '', bant_budget_answered_at: daysBefore(400) }, deals);
    expect(fromDeal.criteria[0]).toMatchObject({ source: { object: 'deal' }, stale: false });
    const unknown = scoreBoth(BANT_DEFAULT, { bant_need_answered_at: daysBefore(400) });
    expect(unknown.criteria[2]).toMatchObject({ status: 'unknown', stale: false, answeredAt: daysBefore(400) });
  });

  it('flags a stale answer even when it cannot be read, so the rep re-checks it', () => {
    const result = scoreBoth(BANT_DEFAULT, { ...SEED, bant_authority: 'intern', bant_authority_answered_at: daysBefore(400) });
    expect(result.criteria[1]).toMatchObject({ status: 'invalid', stale: true });
  });

  it('carries each answer\'s stamp as an ISO time', () => {
    const result = scoreBoth(BANT_DEFAULT, { ...SEED, bant_budget_answered_at: '1763892000000' });
    expect(result.criteria.map((c) => c.answeredAt)).toEqual(['2025-11-23T10:00:00.000Z', null, null, null]);
  });

  it('keeps §3 and §4 unchanged for a model without ages or overrides', () => {
    const plain: Model = {
      ...BANT_DEFAULT,
      criteria: BANT_DEFAULT.criteria.map(({ maxAgeDays: _, ...criterion }) => criterion),
      actions: BANT_DEFAULT.actions.filter((a) => a.key !== 'requalify'),
      routing: BANT_DEFAULT.routing.filter((r) => r.action !== 'requalify'),
      overrides: undefined,
    };
    expect(validateModel(plain).ok).toBe(true);
    const result = scoreBoth(plain, { ...SEED, bant_timeline_answered_at: daysBefore(1000), bant_override: 'not_qualified' });
    expect([result.staleCriteria, result.verdict, result.nextAction, result.override?.status]).toEqual([[], 'qualified', 'sales_now', 'not_allowed']);
    expect(Object.keys(toDerivedProperties(plain, result, NOW))).toEqual(derivedPropertyNames(plain));
    expect(derivedPropertyNames(plain)).not.toContain('bant_verdict');
    expect(derivedPropertyNames(plain)).not.toContain('bant_stale_criteria');
    expect(propertiesRead(plain).contact).toEqual(['bant_budget', 'bant_authority', 'bant_need', 'bant_timeline']);
  });
});

describe('overrides', () => {
  const notQualified: RawProperties = { ...SEED, bant_need: 'low' };

  it('keeps the computed verdict in bant_qualified and writes the effective one in bant_verdict', () => {
    const result = scoreBoth(BANT_DEFAULT, { ...notQualified, bant_override: 'qualified', bant_override_reason: 'Signed LOI', bant_override_by: '42' });
    expect(result.override).toEqual({ verdict: 'qualified', reason: 'Signed LOI', by: '42', until: null, status: 'applies' });
    const properties = toDerivedProperties(BANT_DEFAULT, result, NOW);
    expect([properties.bant_qualified, properties.bant_verdict]).toEqual(['false', 'qualified']);
  });

  it('overrides a qualified lead to not qualified', () => {
    const result = scoreBoth(BANT_DEFAULT, { ...SEED, bant_override: 'not_qualified' });
    expect([result.qualified, result.verdict, result.nextAction]).toEqual([true, 'not_qualified', 'sales_later']);
  });

  it('routes by the override when the model says so, by the computed verdict otherwise', () => {
    const contact = { ...notQualified, bant_override: 'qualified' };
    expect(scoreBoth(BANT_DEFAULT, contact).nextAction).toBe('sales_now');
    const computed: Model = { ...BANT_DEFAULT, overrides: { who: 'editors', routing: 'computed' } };
    expect(scoreBoth(computed, contact)).toMatchObject({ verdict: 'qualified', nextAction: 'sales_later' });
  });

  it('routes an overridden lead with a stale answer to requalify', () => {
    const result = scoreBoth(BANT_DEFAULT, { ...notQualified, bant_override: 'qualified', bant_timeline_answered_at: daysBefore(91) });
    expect([result.verdict, result.nextAction]).toEqual(['qualified', 'requalify']);
  });

  it('does not apply an override when the model lets nobody override', () => {
    const nobody: Model = { ...BANT_DEFAULT, overrides: { who: 'nobody', routing: 'override' } };
    const result = scoreBoth(nobody, { ...notQualified, bant_override: 'qualified' });
    expect([result.override?.status, result.verdict, result.nextAction]).toEqual(['not_allowed', 'not_qualified', 'sales_later']);
    expect(propertiesRead(nobody).contact).not.toContain('bant_override');
  });

  it.each([
    ['applies during its last day', '2026-11-23', '2026-11-23T23:59:59.999Z', 'applies', 'qualified', '2026-11-23'],
    ['stops at the next midnight UTC', '2026-11-23', '2026-11-24T00:00:00.000Z', 'expired', 'not_qualified', '2026-11-23'],
    ['reads a date in epoch milliseconds', String(Date.UTC(2026, 10, 23)), '2026-11-24T00:00:00.000Z', 'expired', 'not_qualified', '2026-11-23'],
    ['applies before its last day', '2026-12-31', '2026-11-23T10:00:00.000Z', 'applies', 'qualified', '2026-12-31'],
    ['applies with no last day', '', '2030-01-01T00:00:00.000Z', 'applies', 'qualified', null],
    ['does not apply with a last day that is not a date', 'end of Q1', '2026-11-23T10:00:00.000Z', 'unreadable_until', 'not_qualified', 'end of Q1'],
  ])('an override with an expiry %s', (_, until, now, status, verdict, lastDay) => {
    const result = scoreBoth(BANT_DEFAULT, { ...notQualified, bant_override: 'qualified', bant_override_until: until }, [], new Date(now));
    expect([result.override?.status, result.verdict, result.override?.until]).toEqual([status, verdict, lastDay]);
  });

  it.each([['maybe'], [''], ['  ']])('treats %j as no override', (value) => {
    const result = scoreBoth(BANT_DEFAULT, { ...notQualified, bant_override: value });
    expect([result.override, result.verdict]).toEqual([null, 'not_qualified']);
  });

  it('reads the override on its own', () => {
    expect(readOverride({ overrides: { who: 'editors', routing: 'override' } }, { bant_override: ' not_qualified ', bant_override_reason: ' ' }, NOW))
      .toEqual({ verdict: 'not_qualified', reason: null, by: null, until: null, status: 'applies' });
  });

  it('makes a change of the override a change the recalculation reads, and its stamps not', () => {
    const read = propertiesRead(BANT_DEFAULT).contact;
    expect(read).toEqual(expect.arrayContaining(['bant_override', 'bant_override_reason', 'bant_override_by', 'bant_override_until']));
    expect(read.filter((name) => name.endsWith('_answered_at'))).toEqual([]);
  });
});

describe('model validation of ages, stale routing and overrides', () => {
  const problems = (model: unknown) => {
    const checked = validateModel(model);
    return checked.ok ? [] : checked.problems;
  };

  it.each([
    [0, 'number.tooSmall', { found: '0', op: '>', minimum: '0' }, '0 is too small; expected a number > 0'],
    [-5, 'number.tooSmall', { found: '-5', op: '>', minimum: '0' }, '-5 is too small; expected a number > 0'],
    [12.5, 'type.wrong', { expected: 'int', found: '12.5' }, 'expected an int, got 12.5'],
  ])('refuses maxAgeDays %j', (days, code, params, message) => {
    const model = { ...BANT_DEFAULT, criteria: BANT_DEFAULT.criteria.map((c, i) => (i === 3 ? { ...c, maxAgeDays: days } : c)) };
    expect(problems(model)).toEqual([{ path: 'criteria[3].maxAgeDays', code, params, message }]);
  });

  it('refuses a stale condition in a model where nothing can be stale, naming the fix', () => {
    const model = { ...BANT_DEFAULT, criteria: BANT_DEFAULT.criteria.map(({ maxAgeDays: _, ...c }) => c) };
    expect(problems(model)).toEqual([{ path: 'routing[0].when.stale', code: 'stale.neverHolds', params: {}, message: expect.stringContaining('give a criterion "maxAgeDays" or remove "stale"') }]);
  });

  it('refuses an unknown override policy by name', () => {
    expect(problems({ ...BANT_DEFAULT, overrides: { who: 'managers', routing: 'override' } })).toEqual([
      { path: 'overrides.who', code: 'value.notAllowed', params: { found: '"managers"', allowed: 'editors, nobody' }, message: '"managers" is not allowed; expected one of editors, nobody' },
    ]);
  });
});
