import { Alert, Button, Flex, Input, ProgressBar, Text } from '@hubspot/ui-extensions';
import type { BackgroundRescore, RescorePart, VersionHistoryRow } from '../../../modelstore/types';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';

export interface VersionsProps {
  versions: VersionHistoryRow[];
  rescore: BackgroundRescore | null;
  canEdit: boolean;
  language: SettingsLanguage;
  note: string;
  onNote: (note: string) => void;
  /** Publishes version `number` with the note (a rollback passes its own). */
  onPublish: (number: number, note: string) => void;
  busy: boolean;
  result: { variant: 'success' | 'danger'; message: string } | null;
}

/**
 * Every version, newest first, with who made and published it; publishing a draft asks for a
 * note, rolling back is one click (publishing the version published before); and how far the
 * stored scores are in catching up with the published version.
 */
export function Versions({ versions, rescore, canEdit, language, note, onNote, onPublish, busy, result }: VersionsProps) {
  const { t } = language;
  const published = versions.find((v) => v.status === 'published');
  const previous = versions.find((v) => v.status === 'previously published' && v.number !== published?.number);
  const status = { published: t('versions.statusPublished'), 'previously published': t('versions.statusPrevious'), draft: t('versions.statusDraft') };
  return (
    <Flex direction="column" gap="sm" testId="bant-versions">
      {rescore ? <RescoreProgress rescore={rescore} language={language} /> : null}
      {versions.length === 0 ? <Text testId="bant-versions-none">{t('versions.none')}</Text> : null}
      {versions.map((version) => (
        <Flex direction="column" gap="xs" key={version.number} testId={`bant-version-${version.number}`}>
          <Text>{t('versions.row', { name: version.name, status: status[version.status], by: version.lastPublished?.by ?? version.createdBy, note: version.lastPublished?.note ?? version.note })}</Text>
          {canEdit && version.status === 'draft' ? (
            <Button onClick={() => onPublish(version.number, note)} disabled={busy || note.trim() === ''} testId={`bant-version-${version.number}-publish`}>
              {t('versions.publish', { name: version.name })}
            </Button>
          ) : null}
        </Flex>
      ))}
      {canEdit && versions.some((v) => v.status === 'draft') ? <Input name="publish-note" label={t('versions.publishNote')} value={note} onChange={onNote} testId="bant-versions-note" /> : null}
      {canEdit && previous ? (
        <Button onClick={() => onPublish(previous.number, t('versions.rollbackNote', { name: previous.name }))} disabled={busy} testId="bant-versions-rollback">
          {t('versions.rollback', { name: previous.name })}
        </Button>
      ) : null}
      {result ? <Alert title={t('versions.title')} variant={result.variant} testId="bant-versions-result">{result.message}</Alert> : null}
    </Flex>
  );
}

function RescoreProgress({ rescore, language }: { rescore: BackgroundRescore; language: SettingsLanguage }) {
  const { t, format } = language;
  const values = { name: rescore.name, done: format.number(rescore.done), total: rescore.total === null ? t('versions.unknownTotal') : format.number(rescore.total), errors: format.number(rescore.errors) };
  // Parts (deals, companies) are recorded once every contact is done.
  const contactsDone = rescore.state === 'done' || (rescore.parts?.length ?? 0) > 0;
  const message = contactsDone ? t('versions.rescoreDone', values)
    : rescore.state === 'stopped' ? t('versions.rescoreStopped', { ...values, reason: rescore.message ?? '' })
    : t('versions.rescoreRunning', values);
  const running = rescore.parts?.find((p) => p.state === 'running');
  return (
    <Flex direction="column" gap="xs" testId="bant-rescore">
      <Text testId="bant-rescore-contacts">{message}</Text>
      {!contactsDone && rescore.state === 'running' && rescore.total ? <ProgressBar value={rescore.done} maxValue={rescore.total} showPercentage testId="bant-rescore-bar" /> : null}
      {(rescore.parts ?? []).map((part) => <Text key={part.object} testId={`bant-rescore-${part.object}`}>{partLine(part, language)}</Text>)}
      {running?.total ? <ProgressBar value={running.done} maxValue={running.total} showPercentage testId="bant-rescore-part-bar" /> : null}
    </Flex>
  );
}

function partLine(part: RescorePart, language: SettingsLanguage): string {
  const { t, format } = language;
  const values = { object: t(`versions.${part.object}`), done: format.number(part.done), total: part.total === null ? t('versions.unknownTotal') : format.number(part.total), errors: format.number(part.errors) };
  switch (part.state) {
    case 'waiting':
      return t('versions.partWaiting', values);
    case 'running':
      return t('versions.partRunning', values);
    case 'done':
      return t('versions.partDone', values);
    case 'stopped':
      return t('versions.partStopped', { ...values, reason: part.message ?? '' });
  }
}
