import { DescriptionList, DescriptionListItem, Flex, Heading, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';

/** What the active model is, and when a lead is qualified. */
export function ModelSummary({ model, language }: { model: Model; language: SettingsLanguage }) {
  const { t, text } = language;
  const max = model.criteria.reduce((sum, c) => sum + c.max, 0);
  return (
    <Flex direction="column" gap="sm">
      <Heading testId="bant-model-name">{t('summary.title', { name: text(model.name) })}</Heading>
      {model.description ? <Text testId="bant-model-description">{text(model.description)}</Text> : null}
      <DescriptionList direction="row">
        <DescriptionListItem label={t('summary.version')}>
          <Text testId="bant-model-version">{model.version}</Text>
        </DescriptionListItem>
        <DescriptionListItem label={t('summary.framework')}>
          <Text>{model.framework}</Text>
        </DescriptionListItem>
        <DescriptionListItem label={t('summary.qualifiedWhen')}>
          <Text testId="bant-model-qualified-when">{t('summary.qualifiedRule', { min: model.qualification.minScore, max })}</Text>
        </DescriptionListItem>
        <DescriptionListItem label={t('summary.deal')}>
          <Text>{t(`summary.${model.dealSelection.policy}`)}</Text>
        </DescriptionListItem>
      </DescriptionList>
    </Flex>
  );
}
