/**
 * The app's settings page, in the user's language: Tabs for the model (an editor: points,
 * minimums, grades, routing, sources, raw JSON, saved as a draft), the property checks, trying a
 * contact and a draft, and the versions (publish, roll back, the background rescore). Only users
 * with the integrations-management permission are offered changes; the function checks them again.
 */
import { useMemo, useState } from 'react';
import { Button, ErrorState, Flex, List, LoadingSpinner, Tab, Tabs, Text, hubspot } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import { CheckResults } from './components/CheckResults';
import { ContactPreview } from './components/ContactPreview';
import { Conversations } from './components/Conversations';
import { DraftTrial } from './components/DraftTrial';
import { GradesAndRouting } from './components/GradesAndRouting';
import { ModelEditor } from './components/ModelEditor';
import { ModelSummary } from './components/ModelSummary';
import { Versions } from './components/Versions';
import { useModelDraft } from './hooks/useModelDraft';
import { useSettings } from './hooks/useSettings';
import type { SettingsPageModel } from './hooks/useSettings';
import { settingsLanguage } from './hooks/useSettingsLanguage';
import type { SettingsLanguage } from './hooks/useSettingsLanguage';
import type { JsonObject, SettingsOverview } from './lib/settingsApi';
import { problemWords } from './lib/problemWords';

/** What the page reads of HubSpot's context: who the user is, their language and permissions. */
export interface SettingsUser {
  id: number;
  locale?: string;
  permissions?: readonly string[];
}

/** HubSpot's permission for managing apps: only users holding it are offered changes. */
export const EDIT_PERMISSION = 'integrations-management-write';

export function BantSettings({ user, portal }: { user: SettingsUser; portal?: { id: number } }) {
  const language = useMemo(() => settingsLanguage(user.locale), [user.locale]);
  const page = useSettings(user.id, language);
  const { overview } = page;
  if (overview.status === 'loading' || overview.status === 'idle') return <LoadingSpinner label={language.t('errors.loading')} layout="centered" testId="bant-settings-loading" />;
  if (overview.status === 'error') {
    return (
      <ErrorState title={language.t('errors.loadTitle')} testId="bant-settings-error">
        <Text>{overview.error.message}</Text>
        {overview.error.retryable ? <Button onClick={page.reload} testId="bant-settings-retry">{language.t('errors.retry')}</Button> : null}
      </ErrorState>
    );
  }
  const { model, modelProblems } = overview.data;
  if (!model) {
    return (
      <ErrorState title={language.t('errors.invalidTitle')} testId="bant-model-invalid">
        <Text>{language.t('errors.invalidBody')}</Text>
        <List testId="bant-model-problems">
          {modelProblems.map((p) => (
            <Text key={`${p.path}:${p.message}`}>{p.path ? `${p.path}: ${problemWords(p, language)}` : problemWords(p, language)}</Text>
          ))}
        </List>
      </ErrorState>
    );
  }
  return <SettingsTabs page={page} data={overview.data} model={model} language={language} canEdit={(user.permissions ?? []).includes(EDIT_PERMISSION)} portalId={portal?.id} />;
}

function SettingsTabs({ page, data, model, language, canEdit, portalId }: { page: SettingsPageModel; data: SettingsOverview; model: Model; language: SettingsLanguage; canEdit: boolean; portalId: number | undefined }) {
  const { t } = language;
  const draft = useModelDraft(model);
  const [note, setNote] = useState('');
  const [publishNote, setPublishNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ variant: 'success' | 'danger'; message: string } | null>(null);
  const [published, setPublished] = useState<{ variant: 'success' | 'danger'; message: string } | null>(null);
  const current = data.modelSource.version?.number ?? null;

  const save = () => {
    if (!draft.value) return;
    setBusy(true);
    void page.saveDraft(draft.value as JsonObject, note, current).then((response) => {
      setBusy(false);
      if (!response.ok) return setSaved({ variant: 'danger', message: response.error.message });
      setSaved({ variant: 'success', message: t(response.data.state === 'pushed' ? 'editor.saved' : 'editor.identical', { name: response.data.name }) });
      setNote('');
      page.reload();
    });
  };
  const publish = (number: number, why: string) => {
    setBusy(true);
    void page.publish(number, why, current).then((response) => {
      setBusy(false);
      if (!response.ok) return setPublished({ variant: 'danger', message: response.error.message });
      setPublished({ variant: 'success', message: t('versions.published', { name: response.data.name }) });
      setPublishNote('');
      page.reload();
    });
  };

  return (
    <Flex direction="column" gap="md">
      <ModelSummary model={model} language={language} />
      <Text testId="bant-settings-source">
        {data.modelSource.kind === 'portal' && data.modelSource.version
          ? t('page.published', { name: data.modelSource.version.name, by: data.modelSource.version.publishedBy })
          : t('page.bundled')}
      </Text>
      <Tabs defaultSelected="model" testId="bant-settings-tabs">
        <Tab tabId="model" title={t('page.tabModel')}>
          <ModelEditor draft={draft} properties={data.properties} watched={data.subscriptions.watched} canEdit={canEdit} language={language} note={note} onNote={setNote} onSave={save} saving={busy} saved={saved} />
          <GradesAndRouting model={model} language={language} />
          <Conversations status={data.languageModel} model={model} language={language} />
        </Tab>
        <Tab tabId="checks" title={t('page.tabChecks')}>
          <CheckResults check={data.check} coverage={data.subscriptions} model={model} language={language} />
        </Tab>
        <Tab tabId="try" title={t('page.tabTry')}>
          <ContactPreview model={model} lookup={page.lookup} onLookup={page.setLookup} onScore={page.scoreContact} preview={page.preview} language={language} />
          <DraftTrial trial={page.trial} canTry={draft.model !== null} onTry={() => draft.value && page.tryDraft(draft.value as JsonObject)} language={language} portalId={portalId} />
        </Tab>
        <Tab tabId="versions" title={t('page.tabVersions')}>
          <Versions versions={data.versions} rescore={data.rescore} canEdit={canEdit} language={language} note={publishNote} onNote={setPublishNote} onPublish={publish} busy={busy} result={published} />
        </Tab>
      </Tabs>
    </Flex>
  );
}

hubspot.extend<'settings'>(({ context }) => <BantSettings user={context.user} portal={context.portal} />);
