import { Accordion, Alert, Flex, List, Text } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';
import { issueWords } from '../lib/issueWords';
import type { MappingCheck, MappingIssue, SubscriptionCoverage } from '../lib/settingsApi';

/**
 * The same checks as `bant check`: every problem in words with what to do (its technical detail,
 * as `bant check` prints it, folded for the developer), then the warnings, then what the deployed
 * webhook subscriptions do not follow.
 */
export function CheckResults({ check, coverage, model, language }: { check: MappingCheck; coverage: SubscriptionCoverage; model: Model; language: SettingsLanguage }) {
  const { t } = language;
  return (
    <Flex direction="column" gap="sm">
      {!check.checked ? (
        <Alert title={t('checks.unavailable')} variant="warning" testId="bant-check-unavailable">
          {check.reason}
        </Alert>
      ) : check.problems.length === 0 ? (
        <Alert title={t('checks.ok', { count: check.mappings })} variant="success" testId="bant-check-ok">
          {check.warnings.length === 0 ? t('checks.okBody') : t('checks.warningsBelow', { count: check.warnings.length })}
        </Alert>
      ) : (
        <Alert title={t('checks.problems', { count: check.problems.length })} variant="danger" testId="bant-check-problems">
          {t('checks.problemsBody')}
        </Alert>
      )}
      {check.checked ? <IssueList issues={check.problems} model={model} language={language} testId="bant-problems" /> : null}
      {check.checked ? <IssueList issues={check.warnings} model={model} language={language} testId="bant-warnings" /> : null}
      {coverage.missing.length > 0 ? (
        <Alert title={t('coverage.title')} variant="warning" testId="bant-check-coverage">
          {t('coverage.body', {
            changes: language.format.list(coverage.missing.map((m) => (m.activityCreation ? t('coverage.activities')
              : m.propertyName ? t('coverage.property', { object: t(`object.${m.objectType}`), property: m.propertyName })
                : t('coverage.association', { object: t(`object.${m.objectType}`) })))),
          })}
        </Alert>
      ) : null}
    </Flex>
  );
}

function IssueList({ issues, model, language, testId }: { issues: MappingIssue[]; model: Model; language: SettingsLanguage; testId: string }) {
  const { t } = language;
  if (issues.length === 0) return null;
  return (
    <List testId={testId}>
      {issues.map((issue) => {
        const words = issueWords(issue, model, language);
        return (
          <Flex direction="column" gap="flush" key={`${issue.code}:${issue.object}.${issue.property}:${issue.path}`}>
            <Text format={{ fontWeight: 'demibold' }}>{`${t(issue.severity === 'error' ? 'checks.problem' : 'checks.warning')}: ${words.what}`}</Text>
            <Text>{words.fix}</Text>
            <Accordion title={t('checks.details')} size="sm">
              <Text variant="microcopy">{issue.message}</Text>
              <Text variant="microcopy">{issue.fix}</Text>
            </Accordion>
          </Flex>
        );
      })}
    </List>
  );
}
