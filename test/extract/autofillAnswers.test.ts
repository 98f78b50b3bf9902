import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { autofillAnswers } from '../../src/extract';
import type { Suggestion } from '../../src/extract';
import { BANT_DEFAULT } from '../../src/models';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const ON: Model = { ...BANT_DEFAULT, suggestions: { ...BANT_DEFAULT.suggestions, autofill: { enabled: true, minConfidence: 0.8 } } };
const source = { id: '7', kind: 'call_note' as const, date: '2026-11-20T10:00:00.000Z' };
const budget = (currency: string, confidence = 0.9): Suggestion => ({
  criterion: 'budget', property: 'bant_budget', value: '150000', evidence: '150k', confidence, currency, source, fact: { type: 'amount', amount: 150000, currency },
});
const need: Suggestion = { criterion: 'need', property: 'bant_need', value: 'perfect', evidence: 'exactly what we need', confidence: 0.85, source, fact: { type: 'need', level: 'strong' } };

describe('autofillAnswers', () => {
  it('fills EMPTY answers at or above the threshold, stamped now and by the app', () => {
    expect(autofillAnswers(ON, [budget('EUR'), need], { bant_budget: '', bant_need: null }, NOW, 'EUR')).toEqual({
      criteria: ['budget', 'need'],
      properties: { bant_budget: '150000', bant_budget_answered_at: NOW.toISOString(), bant_need: 'perfect', bant_need_answered_at: NOW.toISOString(), bant_answered_by: 'app' },
    });
  });

  it('never overwrites an answer, never goes below the threshold, and does nothing when auto-fill is off', () => {
    expect(autofillAnswers(ON, [budget('EUR'), need], { bant_budget: '40000', bant_need: 'low' }, NOW, 'EUR')).toBeNull();
    expect(autofillAnswers(ON, [budget('EUR', 0.79)], {}, NOW, 'EUR')).toBeNull();
    expect(autofillAnswers(BANT_DEFAULT, [budget('EUR'), need], {}, NOW, 'EUR')).toBeNull();
  });

  it('never stores an amount in another currency, nor one with a currency when the portal\'s is unknown', () => {
    expect(autofillAnswers(ON, [budget('USD'), need], {}, NOW, 'EUR')?.criteria).toEqual(['need']);
    expect(autofillAnswers(ON, [budget('USD'), need], {}, NOW, null)?.criteria).toEqual(['need']);
  });
});
