import { Flex, List, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { CommitteeGap } from '../../../../committee';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import { gapText } from '../../lib/committeeText';
import type { Money } from '../../lib/committeeText';

/** What the committee lacks, as actions; nothing when it lacks nothing. */
export function CommitteeGaps({ model, gaps, money }: { model: Model; gaps: CommitteeGap[]; money: Money }) {
  const wording = useCardLanguage();
  if (gaps.length === 0) return null;
  return (
    <Flex direction="column" gap="flush" testId="bant-committee-gaps">
      <Text format={{ fontWeight: 'bold' }}>{wording.t('committee.gapsTitle')}</Text>
      <List variant="unordered-styled">
        {gaps.map((gap, index) => (
          <Text key={`${gap.criterion}-${index}`} testId={`bant-committee-gap-${index}`}>{gapText(model, gap, wording, money)}</Text>
        ))}
      </List>
    </Flex>
  );
}
