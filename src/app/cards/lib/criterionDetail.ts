/**
 * What folds under a criterion's line: whether it meets its minimum (or why it cannot be scored),
 * where the value came from when it is not the rep's own answer, and the question to ask next.
 * Pure; sentences in the rep's language.
 */
import type { Criterion, CriterionResult } from '@bant/engine';
import { answerSource } from './answerFields';
import type { Wording } from './answerText';

export interface CriterionDetail {
  /** Status and source, one sentence each. */
  sentences: string[];
  /** The discovery question to ask, worded, when the criterion does not pass yet. */
  ask: string | null;
}

/**
 * @example criterionDetail(budget, belowResult, english).sentences // ['Below the minimum: needs 15 points.', 'From deal “Acme” (Deal amount).']
 */
export function criterionDetail(criterion: Criterion, result: CriterionResult, wording: Wording): CriterionDetail {
  const { t, text } = wording;
  const sentences: string[] = [];
  const fromRep = result.source?.object === 'contact' && answerSource(criterion)?.property === result.source.property;
  switch (result.status) {
    case 'met':
      sentences.push(t('criteria.met', { minimum: result.minimum }));
      break;
    case 'below':
      sentences.push(t('criteria.below', { minimum: result.minimum }));
      break;
    case 'unknown':
      sentences.push(t('criteria.unknown'));
      break;
    case 'invalid': {
      const value = result.value ?? '';
      const code = result.explanation.code;
      const key = code === 'unknown_option' || code === 'unknown_options' || code === 'unknown_items' ? 'criteria.invalidOption'
        : code === 'not_a_number' || code === 'not_finite' ? 'criteria.invalidNumber'
          : code === 'not_a_date' || code === 'not_a_calendar_date' ? 'criteria.invalidDate'
            : 'criteria.invalidOther';
      sentences.push(t(key, { value }));
      sentences.push(t(fromRep ? 'criteria.fixHere' : result.source?.object === 'deal' ? 'criteria.fixDeal' : 'criteria.fixRecord'));
      break;
    }
  }
  const ref = result.source;
  if (ref && !fromRep) {
    const declared = criterion.sources.find((s) => s.object === ref.object && s.property === ref.property);
    const source = text(declared?.label ?? criterion.label);
    if (ref.object === 'deal') sentences.push(t('criteria.fromDeal', { deal: ref.dealName ?? ref.dealId ?? '', source }));
    else if (ref.object === 'company') sentences.push(t('criteria.fromCompany', { source }));
    else sentences.push(t('criteria.fromContact', { source }));
  }
  const question = result.status === 'met' ? undefined : criterion.questions?.[0];
  return { sentences, ask: question ? t('criteria.ask', { question: text(question) }) : null };
}
