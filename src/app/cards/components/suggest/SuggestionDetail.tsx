import { Button, ButtonRow, Text } from '@hubspot/ui-extensions';
import type { Criterion } from '@bant/engine';
import { EDITOR_PANEL_ID } from '../../hooks/useBantCard';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import type { CardLanguage } from '../../hooks/useCardLanguage';
import { ruleUsed, valueText } from '../../lib/answerText';
import type { CardSuggestion } from '../../lib/cardApi';
import type { CardActions } from '../../lib/cardActions';

export interface SuggestionDetailProps {
  criterion: Criterion;
  suggestion: CardSuggestion;
  /** The stored answer ("" when unknown). */
  stored: string;
  /** The portal's company currency, when known. */
  home: string | null;
  /** The app filled this answer from the suggestion on this open (auto-fill). */
  filled: boolean;
  actions: CardActions;
}

/**
 * A suggested answer under its criterion: where it comes from, the quote, what it would give (and
 * the stored answer it contradicts); "Use" puts it in Edit answers and opens the panel (the rep
 * still saves), "Dismiss" hides it for every rep. An amount in another currency than the portal's
 * shows in its own currency with both named, and is not offered for use: the rep converts it.
 */
export function SuggestionDetail({ criterion, suggestion, stored, home, filled, actions }: SuggestionDetailProps) {
  const language = useCardLanguage();
  const { t, text } = language;
  const rule = ruleUsed(criterion, { object: 'contact', property: suggestion.property });
  const foreign = Boolean(suggestion.currency && home && suggestion.currency !== home);
  const words = {
    source: sourceText(suggestion.source, language),
    quote: suggestion.evidence,
    label: text(criterion.label),
    value: valueText(rule, suggestion.value, language, suggestion.currency ?? home),
  };
  const sentences = [
    filled ? t('suggest.filled', words)
      : stored ? t('suggest.contradicts', { ...words, stored: valueText(rule, stored, language, home) })
        : t('suggest.forUnknown', words),
  ];
  if (foreign) sentences.push(t('suggest.otherCurrency', { currency: suggestion.currency ?? '', home: home ?? '' }));
  const used = actions.edits[suggestion.property] === suggestion.value;
  if (used) sentences.push(t('suggest.added'));
  const testId = `bant-suggestion-${criterion.key}`;
  return (
    <>
      <Text variant="microcopy" testId={testId}>{sentences.join(' ')}</Text>
      {!filled && (
        <ButtonRow disableDropdown={true} testId={`${testId}-actions`}>
          {actions.canEdit && !foreign && !used && (
            <Button
              size="xs"
              variant="primary"
              testId={`${testId}-use`}
              onClick={(_event, reactions) => {
                actions.fill(suggestion.property, suggestion.value);
                // Opens Edit answers with the value in it; where HubSpot gives no reactions, the words say where it went.
                reactions?.openPanel(EDITOR_PANEL_ID);
              }}
            >
              {t('suggest.use')}
            </Button>
          )}
          <Button size="xs" variant="secondary" testId={`${testId}-dismiss`} onClick={() => void actions.dismiss(suggestion.criterion, suggestion.source.id)}>
            {t('suggest.dismiss')}
          </Button>
        </ButtonRow>
      )}
    </>
  );
}

/** "Call on 3 Nov 2026", "Job title". */
function sourceText(source: CardSuggestion['source'], { t, format }: Pick<CardLanguage, 't' | 'format'>): string {
  const kind = t(`suggest.${source.kind}`);
  const date = source.date ? new Date(source.date) : null;
  return source.kind === 'job_title' || !date || Number.isNaN(date.getTime()) ? kind : t('suggest.dated', { kind, date: format.date(date) });
}
