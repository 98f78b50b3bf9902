/**
 * A criterion's answer as the rep reads it, in the rep's language: an option's label, an amount in
 * its currency, a date in the locale's style. Pure.
 */
import { parseBoolean, parseDate, parseMulti, parseNumber } from '@bant/engine';
import type { Criterion, CriterionResult, Rule, SourceRef } from '@bant/engine';
import type { CardLanguage } from '../hooks/useCardLanguage';

export type Wording = Pick<CardLanguage, 't' | 'format' | 'text'>;

/**
 * "Manager", "€120,000", "15 Jan 2027"; "not known yet" for an unknown criterion.
 * @example answerText(budget, { status: 'met', value: '120000', ... }, english, 'EUR') // '€120,000'
 */
export function answerText(criterion: Criterion, result: CriterionResult, wording: Wording, currency: string | null): string {
  if (result.status === 'unknown') return wording.t('criteria.notKnown');
  if (result.status === 'invalid') return wording.t('criteria.unreadable');
  return valueText(ruleUsed(criterion, result.source), result.value ?? '', wording, currency);
}

/** A raw HubSpot value read under a rule, in words; the raw text when it cannot be read. */
export function valueText(rule: Rule, raw: string, { t, format, text }: Wording, currency: string | null): string {
  const value = raw.trim();
  switch (rule.type) {
    case 'bands': {
      if (!parseNumber(value).ok) return raw;
      if (rule.unit === 'currency') return format.money(value, currency);
      return rule.unit === 'percent' ? `${format.number(value)} %` : format.number(value);
    }
    case 'options':
    case 'likert': {
      const options = rule.type === 'options' ? rule.options : rule.levels;
      const option = options.find((o) => o.value === value);
      return option ? text(option.label) : raw;
    }
    case 'multi':
    case 'coverage': {
      const picked = parseMulti(value);
      const labels = picked.map((v) => {
        const option = rule.options.find((o) => o.value === v);
        return option ? text(option.label) : v;
      });
      if (rule.type === 'coverage') return t('criteria.coverage', { covered: picked.length, total: rule.options.length });
      return format.list(labels);
    }
    case 'boolean': {
      const parsed = parseBoolean(value);
      return parsed.ok ? t(parsed.value ? 'criteria.yes' : 'criteria.no') : raw;
    }
    case 'date_window': {
      const parsed = parseDate(value);
      return parsed.ok ? format.date(parsed.value) : raw;
    }
  }
}

/** The rule the value was read with: the used source's own rule, else the criterion's. */
export function ruleUsed(criterion: Criterion, ref: SourceRef | null): Rule {
  const source = ref ? criterion.sources.find((s) => s.object === ref.object && s.property === ref.property) : undefined;
  return source?.rule ?? criterion.rule;
}
