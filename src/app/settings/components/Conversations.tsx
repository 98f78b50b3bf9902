import { Accordion, Flex, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';
import type { LanguageModelStatus } from '../lib/settingsApi';

/**
 * Who proposes the suggested answers: the app's own rules inside HubSpot, or a language model,
 * and then exactly which texts leave HubSpot for it, that nothing is stored outside HubSpot, and
 * when the rules answer instead.
 */
export function Conversations({ status, model, language }: { status: LanguageModelStatus; model: Model; language: SettingsLanguage }) {
  const { t, format } = language;
  return (
    <Accordion title={t('llm.title')} size="sm" testId="bant-llm">
      <Flex direction="column" gap="xs">
        {status.state === 'on' ? (
          <>
            <Text testId="bant-llm-state">{t('llm.on', { model: status.model, host: status.host })}</Text>
            <Text testId="bant-llm-sent">{t('llm.sent', { host: status.host, days: status.days, limit: status.limit })}</Text>
            <Text>{t('llm.kept', { host: status.host })}</Text>
            <Text>{t('llm.fallback', { host: status.host, seconds: format.number(status.timeoutMs / 1000) })}</Text>
            {model.suggestions?.autofill?.enabled ? <Text testId="bant-llm-autofill">{t('llm.autofill')}</Text> : null}
          </>
        ) : (
          <>
            <Text testId="bant-llm-state">{status.state === 'invalid' ? t('llm.invalid', { problem: status.problem }) : t('llm.off')}</Text>
            <Text variant="microcopy">{t('llm.howOn')}</Text>
          </>
        )}
      </Flex>
    </Accordion>
  );
}
