import { Alert, Button, Flex, Heading, Link, List, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { Loadable } from '../hooks/useSettings';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';
import type { DraftTrial as Trial, VerdictMetrics } from '../lib/settingsApi';

/** The draft against the published model: the change in words, the impact on a sample of contacts, and a backtest on a sample of closed deals. */
export function DraftTrial({ trial, canTry, onTry, language, portalId }: { trial: Loadable<Trial>; canTry: boolean; onTry: () => void; language: SettingsLanguage; portalId?: number | undefined }) {
  const { t, format } = language;
  const rate = (value: number | null) => (value === null ? t('trial.none') : format.number(Math.round(value * 100) / 100));
  const metrics = (model: string, m: VerdictMetrics) => t('trial.metrics', { model, precision: rate(m.precision), recall: rate(m.recall), f1: rate(m.f1) });
  return (
    <Flex direction="column" gap="sm" testId="bant-trial">
      <Heading>{t('trial.title')}</Heading>
      <Button onClick={onTry} disabled={!canTry || trial.status === 'loading'} testId="bant-trial-run">{t('trial.run')}</Button>
      {!canTry ? <Text variant="microcopy">{t('trial.invalid')}</Text> : null}
      {trial.status === 'loading' ? <LoadingSpinner label={t('trial.running')} testId="bant-trial-loading" /> : null}
      {trial.status === 'error' ? <Alert title={t('trial.title')} variant="danger" testId="bant-trial-error">{trial.error.message}</Alert> : null}
      {trial.status === 'ready' ? (
        <Flex direction="column" gap="xs" testId="bant-trial-result">
          <Text format={{ fontWeight: 'demibold' }}>{t('trial.changes')}</Text>
          {trial.data.diff.length > 0 ? <List testId="bant-trial-diff">{trial.data.diff.map((line) => <Text key={line}>{line}</Text>)}</List> : <Text>{t('trial.noChanges')}</Text>}
          <Text testId="bant-trial-impact">{t('trial.impact', { sample: format.number(trial.data.impact.sample), grades: format.number(trial.data.impact.gradeChanged), gained: format.number(trial.data.impact.gainedQualified), lost: format.number(trial.data.impact.lostQualified) })}</Text>
          <List testId="bant-trial-examples">
            {trial.data.impact.examples.map((e) => {
              const line = t('trial.example', { name: e.name ?? t('trial.unnamed', { id: e.id }), before: format.number(e.before.score), after: format.number(e.after.score), gradeBefore: e.before.grade, gradeAfter: e.after.grade });
              // A new tab keeps the draft on this page while the admin looks at the contact.
              return portalId ? <Link key={e.id} href={{ url: contactUrl(portalId, e.id), external: true }} testId={`bant-trial-example-${e.id}`}>{line}</Link> : <Text key={e.id}>{line}</Text>;
            })}
          </List>
          <Text testId="bant-trial-backtest">{t('trial.backtest', { read: format.number(trial.data.backtest.contactsRead), leads: format.number(trial.data.backtest.published.leads), won: format.number(trial.data.backtest.published.won) })}</Text>
          <Text>{metrics(t('trial.published'), trial.data.backtest.published)}</Text>
          <Text>{metrics(t('trial.draft'), trial.data.backtest.draft)}</Text>
          <Text variant="microcopy">{t('trial.small')}</Text>
        </Flex>
      ) : null}
    </Flex>
  );
}

/** A contact's record page in HubSpot (HubSpot sends accounts hosted in another region to their own address). */
function contactUrl(portalId: number, contactId: string): string {
  return `https://app.hubspot.com/contacts/${portalId}/record/0-1/${contactId}`;
}
