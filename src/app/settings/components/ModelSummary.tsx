import { DescriptionList, DescriptionListItem, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import { groupDigits } from '../lib/describeModel';
import { englishText } from '@bant/engine';

const DEAL_POLICY = { newest_open: 'The newest open deal', largest_open: 'The largest open deal', soonest_closing_open: 'The open deal closing soonest' };

/** What the active model is, and when a lead is qualified. */
export function ModelSummary({ model }: { model: Model }) {
  const max = model.criteria.reduce((sum, c) => sum + c.max, 0);
  return (
    <Flex direction="column" gap="sm">
      <Heading testId="bant-model-name">{`Active model: ${englishText(model.name)}`}</Heading>
      {model.description ? <Text testId="bant-model-description">{englishText(model.description)}</Text> : null}
      <DescriptionList direction="row">
        <DescriptionListItem label="Version">
          <Text testId="bant-model-version">{model.version}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Framework">
          <Text>{model.framework}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Qualified when">
          <Text testId="bant-model-qualified-when">{`${groupDigits(model.qualification.minScore)} of ${groupDigits(max)} points or more, and every criterion met`}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Deal used for deal properties">
          <Text>{DEAL_POLICY[model.dealSelection.policy]}</Text>
        </DescriptionListItem>
      </DescriptionList>
    </Flex>
  );
}
