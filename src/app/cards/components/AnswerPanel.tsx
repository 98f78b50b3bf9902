import { Alert, Button, ButtonRow, Form, LoadingButton, Panel, PanelBody, PanelFooter, PanelSection, Text } from '@hubspot/ui-extensions';
import type { DealRecord, LeadResult, RawProperties } from '@bant/engine';
import { EDITOR_PANEL_ID } from '../hooks/useBantCard';
import { useCardLanguage } from '../hooks/useCardLanguage';
import type { AnswerField } from '../lib/answerFields';
import { valueText } from '../lib/answerText';
import { currencyOf } from '../lib/currencyOf';
import type { CardError, FieldError } from '../lib/cardApi';
import { answerProblem } from '../lib/checkAnswer';
import type { AnswerProblemCode } from '../lib/checkAnswer';
import { errorMessage } from '../lib/errorMessage';
import type { CardMessageKey } from '../messages';
import { AnswerInput } from './AnswerInput';

export interface AnswerPanelProps {
  fields: AnswerField[];
  /** Stored values merged with the rep's edits. */
  values: RawProperties;
  /** The result with the edits: the live score. */
  preview: LeadResult;
  dirty: boolean;
  saving: boolean;
  saveError: CardError | null;
  fieldErrors: Record<string, FieldError>;
  currency: string | null;
  /** The deal deal sources read, for its own currency. */
  deal: DealRecord | null;
  /** The clock answers are checked against. */
  now: Date;
  onChange: (property: string, raw: string) => void;
  onSave: () => void;
  onDiscard: () => void;
}

const PROBLEM_KEYS: Record<AnswerProblemCode, CardMessageKey> = {
  number: 'editor.problemNumber',
  negative: 'editor.problemNegative',
  option: 'editor.problemOption',
  date: 'editor.problemDate',
  boolean: 'editor.problemBoolean',
  unscored: 'editor.problemUnscored',
};

/**
 * "Edit answers": one input per criterion with its discovery questions, the live score, Save and
 * Discard. Save stays disabled while nothing changed or a field has an error; Enter saves.
 */
export function AnswerPanel(props: AnswerPanelProps) {
  const { fields, values, preview, dirty, saving, saveError, fieldErrors, currency, deal, now, onChange, onSave, onDiscard } = props;
  const language = useCardLanguage();
  const { t, text } = language;
  const problems = new Map<string, string>();
  for (const field of fields) {
    const problem = answerProblem(field.rule, values[field.property] ?? '', field.criterion.max, now);
    const message = problem ? t(PROBLEM_KEYS[problem.code]) : fieldErrors[field.property]?.message;
    if (message) problems.set(field.property, message);
  }
  // A refusal tied to fields is shown on those fields only; anything else once, above the form.
  const canSave = dirty && !saving && problems.size === 0;
  const general = saveError && !(saveError.fields && saveError.fields.length > 0) ? saveError : null;

  return (
    <Panel id={EDITOR_PANEL_ID} title={t('editor.title')} variant="modal" testId="bant-editor">
      <PanelBody>
        <PanelSection>
          {general && (
            <Alert title={t('editor.notSaved')} variant="danger" testId="bant-save-error">
              {`${t(errorMessage(general.code))} ${t(general.retryable ? 'editor.keptRetry' : 'editor.keptFix')}`}
            </Alert>
          )}
          <Form onSubmit={() => { if (canSave) onSave(); }} testId="bant-form">
            {fields.map((field) => {
              const scored = preview.criteria.find((c) => c.key === field.criterion.key);
              const [first, second] = (field.criterion.questions ?? []).map(text);
              let description = first;
              const ref = scored?.source;
              if (field.lockedBy) {
                const source = field.criterion.sources.find((s) => s.object === field.lockedBy?.object && s.property === field.lockedBy.property);
                description = field.lockedBy.object === 'deal'
                  ? t('editor.lockedDeal', { deal: field.lockedBy.dealName ?? field.lockedBy.dealId ?? '' })
                  : t('editor.lockedRecord', { source: text(source?.label ?? field.criterion.label) });
              } else if (scored && ref && ref.property !== field.property && scored.value) {
                // Another source fills the criterion until the rep answers: say what it gives now.
                const source = field.criterion.sources.find((s) => s.object === ref.object && s.property === ref.property);
                const answer = valueText(source?.rule ?? field.criterion.rule, scored.value, language, currencyOf(ref, deal, currency));
                const until = ref.object === 'deal'
                  ? t('editor.fallbackDeal', { deal: ref.dealName ?? ref.dealId ?? '', answer })
                  : t('editor.fallbackRecord', { source: text(source?.label ?? field.criterion.label), answer });
                description = first ? `${first} ${until}` : until;
              }
              return (
                <AnswerInput
                  key={field.property}
                  field={field}
                  value={values[field.property] ?? ''}
                  readOnly={field.lockedBy !== null}
                  description={description}
                  tooltip={field.lockedBy ? undefined : second}
                  validationMessage={problems.get(field.property)}
                  currency={currency}
                  onChange={(raw) => onChange(field.property, raw)}
                />
              );
            })}
          </Form>
          <Text format={{ fontWeight: 'demibold' }} testId="bant-live-score">
            {t(preview.qualified ? 'editor.liveQualified' : 'editor.liveNotQualified', { score: preview.score, max: preview.max })}
          </Text>
        </PanelSection>
      </PanelBody>
      <PanelFooter>
        <ButtonRow>
          <LoadingButton variant="primary" loading={saving} disabled={!canSave} onClick={() => onSave()} testId="bant-save">
            {t('editor.save')}
          </LoadingButton>
          <Button
            variant="secondary"
            disabled={saving}
            onClick={() => onDiscard()}
            testId="bant-discard"
          >
            {t('editor.discard')}
          </Button>
        </ButtonRow>
      </PanelFooter>
    </Panel>
  );
}
