import { Button, Text } from '@hubspot/ui-extensions';
import type { CardLanguage } from '../../hooks/useCardLanguage';
import { answerSource } from '../../lib/answerFields';
import type { CardData } from '../../lib/cardApi';
import type { CriterionExtra } from '../CriterionLine';
import { personName } from './changeText';
import { portalDay } from './portalDays';

/**
 * CRITERION SLOT part: a stale answer (older than its criterion's maximum age) is flagged on its
 * line, which opens to say when it was answered and by whom, with "Still true" to re-confirm it
 * (the function stamps it again without changing it) when it is the rep's own answer, one the card
edits. Nothing for answers that are not stale.
 */
export function staleExtras(data: CardData, language: CardLanguage, act: { canEdit: boolean; confirm: (criteria: string[]) => Promise<void> }): Record<string, CriterionExtra> {
  const { t } = language;
  const timeZone = language.timeZone ?? data.timeZone ?? null;
  const extras: Record<string, CriterionExtra> = {};
  for (const result of data.result.criteria) {
    if (!result.stale) continue;
    const criterion = data.model.criteria.find((c) => c.key === result.key);
    if (!criterion) continue;
    // Who answered last, from the history when HubSpot kept it.
    const last = data.history?.changes.find((item) => (item.kind === 'answer' || item.kind === 'confirmed') && item.criterion === result.key);
    const source = last && (last.kind === 'answer' || last.kind === 'confirmed') ? last.source : null;
    const userId = source && 'userId' in source ? source.userId : null;
    const by = userId ? t('trust.by', { name: personName(userId, data.history?.users ?? {}, language) }) : '';
    extras[result.key] = {
      flag: t('trust.staleFlag'),
      open: true,
      detail: (
        <>
          <Text variant="microcopy" testId={`bant-stale-${result.key}`}>
            {t('trust.staleDetail', { date: result.answeredAt ? portalDay(result.answeredAt, { intl: language.intl, timeZone }) : '', by, days: criterion.maxAgeDays ?? 0 })}
          </Text>
          {act.canEdit && answerSource(criterion)?.property === result.source?.property && (
            <Button size="sm" variant="secondary" onClick={() => void act.confirm([result.key])} testId={`bant-still-true-${result.key}`}>
              {t('trust.stillTrue')}
            </Button>
          )}
        </>
      ),
    };
  }
  return extras;
}
