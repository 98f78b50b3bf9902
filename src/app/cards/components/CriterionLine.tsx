import { Accordion, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import type { Criterion, CriterionResult } from '@bant/engine';
import { useCardLanguage } from '../hooks/useCardLanguage';
import { answerText } from '../lib/answerText';
import { criterionDetail } from '../lib/criterionDetail';

/** What another part of the card adds to one criterion's line (see the slots in BantCard.tsx). */
export interface CriterionExtra {
  /** A few words appended to the line ("stale", "1 suggestion"). */
  flag?: string;
  /** Shown first in the line's detail: a suggestion with its quote, a stale answer's age. */
  detail?: ReactNode;
  /** Opens the detail even when the criterion passes. */
  open?: boolean;
}

export interface CriterionLineProps {
  criterion: Criterion;
  result: CriterionResult;
  /** The portal's company currency, for amounts. */
  currency: string | null;
  extra?: CriterionExtra | undefined;
}

/** One line per criterion (label, answer, points); its detail folds open when the criterion does not pass. */
export function CriterionLine({ criterion, result, currency, extra }: CriterionLineProps) {
  const wording = useCardLanguage();
  const { t, text } = wording;
  const line = t('criteria.line', { label: text(criterion.label), answer: answerText(criterion, result, wording, currency), points: result.points, max: result.max });
  const { sentences, ask } = criterionDetail(criterion, result, wording);
  const passing = result.status === 'met';
  const open = !passing || Boolean(extra?.open);
  const testId = `bant-criterion-${criterion.key}`;
  return (
    // Keyed by openness so a line that starts or stops passing takes its new default.
    <Accordion key={String(open)} title={extra?.flag ? `${line} · ${extra.flag}` : line} defaultOpen={open} size="sm" testId={testId}>
      {extra?.detail}
      <Text variant="microcopy" testId={`${testId}-detail`}>{sentences.join(' ')}</Text>
      {ask && <Text variant="microcopy" format={{ italic: true }} testId={`${testId}-ask`}>{ask}</Text>}
    </Accordion>
  );
}
