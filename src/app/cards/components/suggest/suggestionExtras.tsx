import type { CardData } from '../../lib/cardApi';
import type { CardActions } from '../../lib/cardActions';
import type { CriterionExtra } from '../CriterionLine';
import { ruleUsed, valueText } from '../../lib/answerText';
import type { CardLanguage } from '../../hooks/useCardLanguage';
import { SuggestionDetail } from './SuggestionDetail';

/**
 * CRITERION SLOT part: each suggestion beside its criterion. The line says "suggested: 150,000"
 * (or "filled in by the app"); the detail holds the quote and Use / Dismiss, folded on a passing
 * line so a qualified lead stays short.
 */
export function suggestionExtras(data: CardData, language: Pick<CardLanguage, 't' | 'format' | 'text'>, actions: CardActions): Record<string, CriterionExtra> {
  const extras: Record<string, CriterionExtra> = {};
  const home = data.currency ?? null;
  const filled = new Set(data.autofilled ?? []);
  for (const suggestion of data.suggestions ?? []) {
    const criterion = data.model.criteria.find((c) => c.key === suggestion.criterion);
    if (!criterion) continue;
    const isFilled = filled.has(criterion.key) && (data.contact[suggestion.property] ?? '') === suggestion.value;
    const stored = isFilled ? '' : (data.contact[suggestion.property] ?? '').trim();
    const rule = ruleUsed(criterion, { object: 'contact', property: suggestion.property });
    extras[criterion.key] = {
      flag: isFilled ? language.t('suggest.flagFilled') : language.t('suggest.flag', { value: valueText(rule, suggestion.value, language, suggestion.currency ?? home) }),
      detail: <SuggestionDetail key={`suggest-${criterion.key}`} criterion={criterion} suggestion={suggestion} stored={stored} home={home} filled={isFilled} actions={actions} />,
    };
  }
  return extras;
}
