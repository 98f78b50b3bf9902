import { Accordion, Text } from '@hubspot/ui-extensions';
import { Fragment, useState } from 'react';
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
  // What another part adds is rendered once the line is open: a folded line costs no components.
  const [expanded, setExpanded] = useState(open);
  const [defaultOpen, setDefaultOpen] = useState(open);
  if (defaultOpen !== open) {
    setDefaultOpen(open);
    setExpanded(open);
  }
  const testId = `bant-criterion-${criterion.key}`;
  return (
    // Keyed by openness so a line that starts or stops passing takes its new default.
    <Accordion key={String(open)} title={extra?.flag ? `${line} · ${extra.flag}` : line} defaultOpen={open} onClick={() => setExpanded((shown) => !shown)} size="sm" testId={testId}>
      {expanded && extra?.detail}
      <Text variant="microcopy" testId={`${testId}-detail`}>{sentences.join(' ')}</Text>
      {ask && <Text variant="microcopy" format={{ italic: true }} testId={`${testId}-ask`}>{ask}</Text>}
    </Accordion>
  );
}

/** The parts' extras for one card, merged per criterion: flags joined, details in order, open if any part asks. */
export function mergeExtras(parts: ReadonlyArray<Record<string, CriterionExtra>>): Record<string, CriterionExtra> {
  const merged: Record<string, CriterionExtra> = {};
  for (const part of parts) {
    for (const [key, extra] of Object.entries(part)) {
      const before = merged[key];
      if (!before) {
        merged[key] = extra;
        continue;
      }
      merged[key] = {
        ...(before.flag || extra.flag ? { flag: [before.flag, extra.flag].filter(Boolean).join(' · ') } : {}),
        ...(before.detail || extra.detail ? { detail: [before.detail, extra.detail].map((d, i) => <Fragment key={i}>{d}</Fragment>) } : {}),
        ...(before.open || extra.open ? { open: true } : {}),
      };
    }
  }
  return merged;
}
