import { Button, Flex, List, Text } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { Model } from '@bant/engine';
import type { CommitteeGap } from '../../../../committee';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import { gapText } from '../../lib/committeeText';
import type { Money } from '../../lib/committeeText';

/** Gaps shown before the user asks for more: a committee of 30 can have 30 answers to correct. */
export const SHOWN_GAPS = 4;

/**
 * What the committee lacks, as actions: what to ask and whom to find first, then the answers to
 * correct; the first few, the rest on request. Nothing when it lacks nothing.
 */
export function CommitteeGaps({ model, gaps, money }: { model: Model; gaps: CommitteeGap[]; money: Money }) {
  const wording = useCardLanguage();
  const [all, setAll] = useState(false);
  if (gaps.length === 0) return null;
  const ordered = [...gaps.filter((g) => g.kind !== 'invalid'), ...gaps.filter((g) => g.kind === 'invalid')];
  const shown = all ? ordered : ordered.slice(0, SHOWN_GAPS);
  const hidden = ordered.length - shown.length;
  return (
    <Flex direction="column" gap="flush" testId="bant-committee-gaps">
      <Text format={{ fontWeight: 'bold' }}>{wording.t('committee.gapsTitle')}</Text>
      <List variant="unordered-styled">
        {shown.map((gap, index) => (
          <Text key={`${gap.criterion}-${index}`} testId={`bant-committee-gap-${index}`}>{gapText(model, gap, wording, money)}</Text>
        ))}
      </List>
      {hidden > 0 && (
        <Button variant="transparent" size="sm" onClick={() => setAll(true)} testId="bant-committee-more-gaps">
          {wording.t('committee.moreGaps', { count: hidden })}
        </Button>
      )}
    </Flex>
  );
}
