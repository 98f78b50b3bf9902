/**
 * A committee's roll-up in the user's words: whose evidence a criterion took, a gap as an action,
 * the lowest answer that qualifies, a contact's role. Pure; the English of `describeGap` (CLI, demo)
 * in the card's four languages.
 */
import type { Model } from '@bant/engine';
import type { CommitteeCriterionResult, CommitteeGap, EvidenceOwner, MemberSummary, QualifyingTarget } from '../../../committee';
import { targetOption } from '../../../committee/targetOption';
import { answerText, ruleUsed, valueText } from './answerText';
import type { Wording } from './answerText';

/** Amounts: the portal's currency, or a deal's own for its amount. */
export interface Money {
  currency: string | null;
  dealCurrencies: Record<string, string>;
}

/**
 * "Maria Chen", "deal “Acme renewal”", "company “Acme”".
 * @example ownerText({ kind: 'deal', id: '9', name: 'Acme renewal' }, english) // 'deal “Acme renewal”'
 */
export function ownerText(from: EvidenceOwner, { t }: Pick<Wording, 't'>): string {
  if (from.kind === 'contact') return from.name;
  return t(from.kind === 'deal' ? 'committee.fromDeal' : 'committee.fromCompany', { name: from.name ?? from.id });
}

/** The currency of a value: the deal's own when it came from a deal that has one. */
function currencyFor(from: EvidenceOwner | null, money: Money): string | null {
  return (from?.kind === 'deal' ? money.dealCurrencies[from.id] : undefined) ?? money.currency;
}

/**
 * One criterion's line: "Authority: C-level, from Maria Chen · 25/25"; without evidence, the
 * contact card's "Need: not known yet · 0/25".
 */
export function committeeLine(model: Model, result: CommitteeCriterionResult, wording: Wording, money: Money): string {
  const criterion = model.criteria.find((c) => c.key === result.key);
  const label = criterion ? wording.text(criterion.label) : result.label;
  const answer = criterion ? answerText(criterion, result, wording, currencyFor(result.from, money)) : result.value ?? '';
  const values = { label, answer, points: result.points, max: result.max };
  return result.from && (result.status === 'met' || result.status === 'below')
    ? wording.t('committee.line', { ...values, from: ownerText(result.from, wording) })
    : wording.t('criteria.line', values);
}

/**
 * The lowest answer that qualifies, in words: "Director", "$50,000", "within 6 months", "Yes".
 * @example targetText(model, 'authority', { kind: 'option', value: 'director' }, english, money) // 'Director'
 */
export function targetText(model: Model, criterionKey: string, target: QualifyingTarget, wording: Wording, money: Money): string {
  const { t, format, text } = wording;
  switch (target.kind) {
    case 'option': {
      const option = targetOption(model, criterionKey, target.value);
      return option ? text(option.label) : target.value;
    }
    case 'number':
      return target.unit === 'currency' ? format.money(target.value, money.currency) : target.unit === 'percent' ? `${format.number(target.value)} %` : format.number(target.value);
    case 'months':
      return t('committee.withinMonths', { count: target.value });
    case 'boolean':
      return t(target.value ? 'criteria.yes' : 'criteria.no');
  }
}

/**
 * A gap as an action: "No one at Director level or above yet", "Ask about Need: no one has answered
 * yet", "Budget is below what qualifies ($50,000): the best so far is $20,000, from Maria Chen",
 * "Correct the Budget answer of Lee Park: “lots” cannot be read".
 */
export function gapText(model: Model, gap: CommitteeGap, wording: Wording, money: Money): string {
  const { t, text } = wording;
  const criterion = model.criteria.find((c) => c.key === gap.criterion);
  const label = criterion ? text(criterion.label) : gap.criterion;
  if (gap.kind === 'invalid') return t('committee.gapInvalid', { criterion: label, from: ownerText(gap.from, wording), value: gap.value });
  const target = gap.target ? targetText(model, gap.criterion, gap.target, wording, money) : null;
  if (gap.role && gap.target?.kind === 'option') return t('committee.gapRole', { target: target ?? '' });
  if (gap.kind === 'missing') return target ? t('committee.gapMissingTarget', { criterion: label, target }) : t('committee.gapMissing', { criterion: label });
  const value = criterion ? valueText(ruleUsed(criterion, null), gap.value, wording, currencyFor(gap.from, money)) : gap.value;
  const from = ownerText(gap.from, wording);
  return target ? t('committee.gapBelow', { criterion: label, target, value, from }) : t('committee.gapBelowNoTarget', { criterion: label, value, from });
}

/** A contact's role on the committee in words ("C-level"), "Not known" without a usable answer. */
export function roleText(model: Model, member: MemberSummary, wording: Wording): string {
  const key = model.committee?.roleCriterion;
  const criterion = key ? model.criteria.find((c) => c.key === key) : undefined;
  if (!member.role || !criterion) return wording.t('committee.noRole');
  return valueText(ruleUsed(criterion, null), member.role.value, wording, null);
}
