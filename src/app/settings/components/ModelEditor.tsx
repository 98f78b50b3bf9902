import { Accordion, Alert, Button, ButtonRow, Flex, Input, List, NumberInput, Select, Text, TextArea } from '@hubspot/ui-extensions';
import type { CrmObject, Model, ModelProblem } from '@bant/engine';
import type { LocalizedText } from '@bant/i18n';
import type { ModelDraft } from '../hooks/useModelDraft';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';
import { pathText, pointFields, sourceChoices } from '../lib/editorFields';
import { problemWords } from '../lib/problemWords';

export interface ModelEditorProps {
  draft: ModelDraft;
  properties: Record<CrmObject, Array<{ name: string; label: string; type: string }>>;
  /** The properties whose changes the deployed webhook subscriptions send: a source outside them says a rebuild is needed. */
  watched: Record<CrmObject, string[]>;
  canEdit: boolean;
  language: SettingsLanguage;
  note: string;
  onNote: (note: string) => void;
  onSave: () => void;
  saving: boolean;
  /** What the last save said, or why it failed. */
  saved: { variant: 'success' | 'danger'; message: string } | null;
}

/**
 * The model as RevOps change it, without writing JSON: an Accordion per criterion (maximum,
 * minimum, points per band or option, sources from the portal's fitting properties), the
 * qualification, grades and routing, and the raw JSON for power users. The same checks as
 * `bant check --offline` run on every change; a problem shows on its field.
 */
export function ModelEditor({ draft, properties, watched, canEdit, language, note, onNote, onSave, saving, saved }: ModelEditorProps) {
  const { t, format, text } = language;
  const shown = (draft.value ?? {}) as unknown as Model;
  const used = new Set<string>();
  const messageFor = (path: ReadonlyArray<string | number>): string | undefined => {
    const at = pathText(path);
    const found = draft.problems.filter((p) => p.path === at);
    for (const problem of found) used.add(`${problem.path}|${problem.message}`);
    return found.length > 0 ? found.map((p) => problemWords(p, language)).join('; ') : undefined;
  };
  const number = (path: Array<string | number>, label: string, value: number, testId: string) => {
    const message = messageFor(path);
    return (
      <NumberInput
        key={testId} name={testId} label={label} value={value} readOnly={!canEdit} testId={testId}
        error={message !== undefined} {...(message ? { validationMessage: message } : {})}
        onChange={(next: number) => draft.setAt(path, next)}
      />
    );
  };
  const words = {
    yes: t('editor.yes'), no: t('editor.no'), later: t('editor.later'),
    within: (months: number) => t('editor.within', { count: months }),
  };
  const criteria = Array.isArray(shown.criteria) ? shown.criteria : [];
  const body = draft.value ? (
    <Flex direction="column" gap="sm">
      {criteria.map((criterion, i) => (
        <Accordion key={criterion.key ?? i} title={text(criterion.label as LocalizedText)} size="sm" testId={`bant-edit-${criterion.key}`}>
          <Flex direction="column" gap="xs">
            {number(['criteria', i, 'max'], t('editor.weight'), criterion.max, `bant-edit-${criterion.key}-max`)}
            {number(['criteria', i, 'minimum'], t('editor.minimum'), criterion.minimum, `bant-edit-${criterion.key}-minimum`)}
            {pointFields(criterion.rule, ['criteria', i, 'rule'], (label) => text(label as LocalizedText), format.number, words).map((field) =>
              number(field.path, t('editor.points', { label: field.label }), field.value, `bant-edit-${pathText(field.path)}`))}
            <Text format={{ fontWeight: 'demibold' }}>{t('editor.sources')}</Text>
            {criterion.sources.map((source, j) => (
              <Flex direction="column" gap="xs" key={`${source.object}-${j}`}>
                <Select
                  name={`source-${i}-${j}`} label={t('editor.source', { n: j + 1, object: t(`object.${source.object}`) })} value={source.property} readOnly={!canEdit}
                  {...(watched[source.object]?.includes(source.property) ? {} : { description: t('editor.notWatched') })}
                  options={sourceChoices(shown, i, j, properties)} testId={`bant-edit-${criterion.key}-source-${j}`}
                  onChange={(value: unknown) => draft.setAt(['criteria', i, 'sources', j, 'property'], String(value))}
                  {...(messageFor(['criteria', i, 'sources', j, 'property']) ? { error: true, validationMessage: messageFor(['criteria', i, 'sources', j, 'property']) } : {})}
                />
                {source.rule ? pointFields(source.rule, ['criteria', i, 'sources', j, 'rule'], (label) => text(label as LocalizedText), format.number, words).map((field) =>
                  number(field.path, t('editor.points', { label: `${source.property} ${field.label}` }), field.value, `bant-edit-${pathText(field.path)}`)) : null}
              </Flex>
            ))}
          </Flex>
        </Accordion>
      ))}
      <Accordion title={t('editor.qualification')} size="sm" testId="bant-edit-qualification">
        <Flex direction="column" gap="xs">
          {shown.qualification ? number(['qualification', 'minScore'], t('editor.minScore'), shown.qualification.minScore, 'bant-edit-minScore') : null}
          {(shown.grades ?? []).map((grade, i) => number(['grades', i, 'min'], t('editor.grade', { grade: grade.grade }), grade.min, `bant-edit-grade-${grade.grade}`))}
          {(shown.routing ?? []).map((rule, i) => (
            <Select
              key={`route-${i}`} name={`route-${i}`} label={t('editor.routing', { n: i + 1 })} value={rule.action} readOnly={!canEdit} testId={`bant-edit-routing-${i}`}
              options={(shown.actions ?? []).map((action) => ({ value: action.key, label: text(action.label) }))}
              onChange={(value: unknown) => draft.setAt(['routing', i, 'action'], String(value))}
            />
          ))}
        </Flex>
      </Accordion>
    </Flex>
  ) : null;
  const unplaced = draft.problems.filter((p: ModelProblem) => !used.has(`${p.path}|${p.message}`));
  return (
    <Flex direction="column" gap="sm" testId="bant-editor">
      {!canEdit ? <Alert title={t('page.tabModel')} variant="info" testId="bant-edit-admins-only">{t('editor.adminsOnly')}</Alert> : null}
      {body}
      <Accordion title={t('editor.rawJson')} size="sm" testId="bant-edit-json">
        <TextArea
          name="model-json" label={t('editor.rawJson')} description={t('editor.rawJsonHelp')} value={draft.text} readOnly={!canEdit} rows={16} testId="bant-edit-json-input"
          error={draft.notJson !== null} {...(draft.notJson ? { validationMessage: draft.notJson.reason === null ? t('editor.notObject') : t('editor.notJson', { reason: draft.notJson.reason }) } : {})}
          onChange={(value: string) => draft.setText(value)}
        />
      </Accordion>
      {draft.problems.length > 0 ? (
        <Alert title={t('editor.problems', { count: draft.problems.length })} variant="danger" testId="bant-edit-problems">
          <List>{unplaced.map((p) => <Text key={`${p.path}|${p.message}`}>{p.path ? `${p.path}: ${problemWords(p, language)}` : problemWords(p, language)}</Text>)}</List>
        </Alert>
      ) : draft.model ? <Text testId="bant-edit-valid">{draft.changed ? t('editor.valid') : t('editor.unchanged')}</Text> : null}
      {canEdit ? (
        <Flex direction="column" gap="xs">
          <Input name="note" label={t('editor.note')} value={note} onChange={onNote} testId="bant-edit-note" />
          <ButtonRow>
            <Button variant="primary" onClick={onSave} disabled={!draft.model || !draft.changed || saving || note.trim() === ''} testId="bant-edit-save">{t('editor.save')}</Button>
            <Button onClick={draft.reset} disabled={!draft.changed} testId="bant-edit-discard">{t('editor.discard')}</Button>
          </ButtonRow>
        </Flex>
      ) : null}
      {saved ? <Alert title={t('editor.save')} variant={saved.variant} testId="bant-edit-saved">{saved.message}</Alert> : null}
    </Flex>
  );
}
