import { Alert, Button, Flex, Heading, Input, LoadingSpinner, StatusTag, Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { CriterionResult, Model } from '@bant/engine';
import type { Loadable } from '../hooks/useSettings';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';
import type { ContactPreview as Preview } from '../lib/settingsApi';

const VARIANT = { met: 'success', below: 'warning', unknown: 'default', invalid: 'danger' } as const;

export interface ContactPreviewProps {
  model: Model;
  lookup: string;
  onLookup: (value: string) => void;
  onScore: () => void;
  preview: Loadable<Preview>;
  language: SettingsLanguage;
}

/** Pick a contact by id or email and see its result under the active model. */
export function ContactPreview({ model, lookup, onLookup, onScore, preview, language }: ContactPreviewProps) {
  const { t } = language;
  return (
    <Flex direction="column" gap="sm">
      <Heading>{t('preview.title')}</Heading>
      <Flex direction="row" gap="sm" align="end">
        <Input name="contact" label={t('preview.input')} value={lookup} onChange={onLookup} testId="bant-preview-input" />
        <Button onClick={onScore} disabled={preview.status === 'loading'} testId="bant-preview-button">{t('preview.score')}</Button>
      </Flex>
      {preview.status === 'loading' ? <LoadingSpinner label={t('preview.loading')} testId="bant-preview-loading" /> : null}
      {preview.status === 'error' ? (
        <Alert title={t('preview.error')} variant="danger" testId="bant-preview-error">
          {preview.error.message}
        </Alert>
      ) : null}
      {preview.status === 'ready' ? <PreviewResult model={model} preview={preview.data} language={language} /> : null}
    </Flex>
  );
}

function PreviewResult({ model, preview, language }: { model: Model; preview: Preview; language: SettingsLanguage }) {
  const { t, text, format } = language;
  const { contact, result, stored } = preview;
  const who = contact.name ? `${contact.name}${contact.email ? ` (${contact.email})` : ''}` : contact.email ?? t('preview.unnamed', { id: contact.id });
  const found = model.actions.find((a) => a.key === result.nextAction);
  const action = found ? text(found.label) : result.nextAction;
  const label = (key: string) => {
    const criterion = model.criteria.find((c) => c.key === key);
    return criterion ? text(criterion.label) : key;
  };
  const values = { who, score: result.score, max: result.max, grade: result.grade, action };
  const summary = result.qualified ? t('preview.qualified', values) : t('preview.notQualified', { ...values, criteria: format.list(result.failedCriteria.map(label)) });
  const version = stored.modelVersion ?? t('preview.noVersion');
  const storedText = stored.score === null
    ? t('preview.storedNone')
    : stored.score === String(result.score) && stored.grade === result.grade
      ? t('preview.storedSame', { version })
      : t('preview.storedDiffers', { score: format.number(stored.score), grade: stored.grade ?? '—', version });
  // A choice in the user's language (the engine's display is English); numbers and dates as the engine shows them.
  const answer = (c: CriterionResult) => {
    const criterion = model.criteria.find((k) => k.key === c.key);
    const source = criterion?.sources.find((k) => k.object === c.source?.object && k.property === c.source?.property);
    const rule = source?.rule ?? criterion?.rule;
    const choices = rule?.type === 'options' ? rule.options : rule?.type === 'likert' ? rule.levels : [];
    const choice = choices.find((o) => o.value === c.value);
    return choice ? text(choice.label) : c.display ?? c.value ?? '—';
  };
  const why = (c: CriterionResult) => {
    if (c.status === 'met') return t('preview.whyMet', { minimum: c.minimum });
    if (c.status === 'below') return t('preview.whyBelow', { minimum: c.minimum });
    if (c.status === 'unknown') return t('preview.whyUnknown');
    return t('preview.whyInvalid', { value: c.value ?? '' });
  };
  return (
    <Flex direction="column" gap="xs" testId="bant-preview-result">
      <Text testId="bant-preview-summary" format={{ fontWeight: 'demibold' }}>{summary}</Text>
      <Text testId="bant-preview-stored" variant="microcopy">{storedText}</Text>
      <Table bordered density="condensed" testId="bant-preview-criteria">
        <TableHead>
          <TableRow>
            <TableHeader>{t('preview.criterion')}</TableHeader>
            <TableHeader align="right">{t('preview.points')}</TableHeader>
            <TableHeader>{t('preview.status')}</TableHeader>
            <TableHeader>{t('preview.answer')}</TableHeader>
            <TableHeader>{t('preview.why')}</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.criteria.map((c) => (
            <TableRow key={c.key}>
              <TableCell>{label(c.key)}</TableCell>
              <TableCell align="right">{`${format.number(c.points)}/${format.number(c.max)}`}</TableCell>
              <TableCell>
                <StatusTag variant={VARIANT[c.status]}>{t(`preview.${c.status}`)}</StatusTag>
              </TableCell>
              <TableCell>{answer(c)}</TableCell>
              <TableCell>{why(c)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Flex>
  );
}
