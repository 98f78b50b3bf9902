import { Flex, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { CommitteeResult } from '../../../../committee';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import { committeeLine } from '../../lib/committeeText';
import type { Money } from '../../lib/committeeText';

/** One line per criterion with whose evidence it took: "Authority: C-level, from Maria Chen · 25/25". */
export function CommitteeCriteria({ model, result, money }: { model: Model; result: CommitteeResult; money: Money }) {
  const wording = useCardLanguage();
  return (
    <Flex direction="column" gap="flush" testId="bant-committee-criteria">
      {result.criteria.map((criterion) => (
        <Text key={criterion.key} format={criterion.status === 'met' ? {} : { fontWeight: 'demibold' }} testId={`bant-committee-${criterion.key}`}>
          {committeeLine(model, criterion, wording, money)}
        </Text>
      ))}
    </Flex>
  );
}
