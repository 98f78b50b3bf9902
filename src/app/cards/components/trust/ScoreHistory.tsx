import { Accordion, LineChart, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import type { CardData } from '../../lib/cardApi';
import { changeText } from './changeText';

/**
 * The score over time with the qualifying score, and the last changes in words: who changed which
 * answer through what, why the score moved, models published, verdicts set by hand. Folded by
 * default; its content renders once opened, so a folded history costs one component.
 */
export function ScoreHistory({ data }: { data: CardData }) {
  const language = useCardLanguage();
  const { t } = language;
  const [open, setOpen] = useState(false);
  const history = data.history;
  if (!history) return null;
  const { model } = data;
  // Days of changes in the portal's time zone: HubSpot's context first, else the account's.
  const wording = { ...language, timeZone: language.timeZone ?? data.timeZone ?? null };
  const total = history.changes.length + history.older;
  const title = total === 0 ? t('trust.historyEmpty') : t('trust.historyTitle', { count: total });
  const score = t('trust.chartSeriesScore');
  const threshold = t('trust.chartSeriesThreshold', { score: model.qualification.minScore });
  // The qualifying score as a second line across the same dates.
  const points = history.scores.flatMap((point) => [
    { date: Date.parse(point.at), points: point.score, series: score },
    { date: Date.parse(point.at), points: model.qualification.minScore, series: threshold },
  ]);
  return (
    <Accordion title={title} defaultOpen={false} onClick={() => setOpen((shown) => !shown)} size="sm" testId="bant-history">
      {open && history.scores.length > 1 && (
        <LineChart
          data={points}
          axes={{
            x: { field: 'date', fieldType: 'datetime', label: t('trust.chartDate') },
            y: { field: 'points', fieldType: 'linear', label: t('trust.chartScore') },
            options: { groupFieldByColor: 'series', colors: { [score]: 'blue', [threshold]: 'orange' } },
          }}
          options={{ title: t('trust.chartTitle'), showLegend: true, showTooltips: true }}
          testId="bant-history-chart"
        />
      )}
      {open && history.changes.map((item, index) => (
        <Text key={`${item.at}-${index}`} variant="microcopy" testId={`bant-history-change-${index}`}>
          {changeText(model, item, history.users, wording, data.currency ?? null)}
        </Text>
      ))}
      {open && history.older > 0 && <Text variant="microcopy" format={{ italic: true }} testId="bant-history-older">{t('trust.older', { count: history.older })}</Text>}
    </Accordion>
  );
}
