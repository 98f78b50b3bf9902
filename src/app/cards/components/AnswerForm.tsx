import { Alert, Button, Flex, LoadingButton, Text } from '@hubspot/ui-extensions';
import type { LeadResult, RawProperties } from '@bant/engine';
import type { AnswerField } from '../lib/answerFields';
import type { CardError, FieldError } from '../lib/cardApi';
import { checkAnswer } from '../lib/checkAnswer';
import { lockedText } from '../lib/describe';
import { AnswerInput } from './AnswerInput';
import { englishText } from '@bant/engine';

export interface AnswerFormProps {
  fields: AnswerField[];
  /** Stored values merged with the rep's edits. */
  values: RawProperties;
  preview: LeadResult;
  dirty: boolean;
  readOnlyReason: string | null;
  saving: boolean;
  saveError: CardError | null;
  fieldErrors: Record<string, FieldError>;
  /** The clock answers are checked against. */
  now: Date;
  onChange: (property: string, raw: string) => void;
  onSave: () => void;
  onReset: () => void;
}

/** The rep's inputs, the discovery questions for unknown criteria, and Save. */
export function AnswerForm(props: AnswerFormProps) {
  const { fields, values, preview, dirty, readOnlyReason, saving, saveError, fieldErrors, now, onChange, onSave, onReset } = props;
  const readOnly = readOnlyReason !== null;
  return (
    <Flex direction="column" gap="sm" testId="bant-form">
      <Text format={{ fontWeight: 'bold' }}>Answers</Text>
      {readOnly && (
        <Alert title="Read-only" variant="info" testId="bant-read-only">
          {readOnlyReason}
        </Alert>
      )}
      {fields.map((field) => {
        const scored = preview.criteria.find((c) => c.key === field.criterion.key);
        const refused = fieldErrors[field.property];
        const value = values[field.property] ?? '';
        // Flagged while typing, with the words the function uses when it refuses the answer at save.
        const problem = refused?.message ?? checkAnswer(field.label, field.rule, value, field.criterion.max, now) ?? undefined;
        const usingOtherSource = !field.lockedBy && scored?.source && scored.source.property !== field.property ? scored : null;
        const questions = scored?.status === 'unknown' ? (field.criterion.questions ?? []).map(englishText) : [];
        return (
          <Flex direction="column" gap="xs" key={field.property}>
            <AnswerInput
              field={field}
              value={value}
              readOnly={readOnly || field.lockedBy !== null}
              validationMessage={problem}
              onChange={(raw) => onChange(field.property, raw)}
            />
            {field.lockedBy && (
              <Text variant="microcopy" testId={`bant-locked-${field.criterion.key}`}>
                {`Read-only: ${scored?.display ?? scored?.value ?? ''}, ${lockedText(field.lockedBy)}.`}
              </Text>
            )}
            {usingOtherSource && (
              <Text variant="microcopy" testId={`bant-fallback-${field.criterion.key}`}>
                {`Now using ${usingOtherSource.display ?? usingOtherSource.value ?? ''} ${describeFallback(usingOtherSource.source)}; an answer here takes precedence.`}
              </Text>
            )}
            {questions.length > 0 && (
              <Text variant="microcopy" testId={`bant-questions-${field.criterion.key}`}>
                {`Ask: ${questions.map((q) => `“${q}”`).join(' ')}`}
              </Text>
            )}
          </Flex>
        );
      })}
      {saveError && (
        <Alert title="Not saved" variant="danger" testId="bant-save-error">
          {`${saveError.message} ${saveError.retryable ? 'Your edits are kept: try saving again.' : 'Your edits are kept; retrying will not help until this is fixed.'}`}
        </Alert>
      )}
      {!readOnly && (
        <Flex direction="row" gap="sm">
          <LoadingButton variant="primary" loading={saving} disabled={!dirty || saving} onClick={onSave} testId="bant-save">
            Save answers
          </LoadingButton>
          <Button variant="secondary" disabled={!dirty || saving} onClick={onReset} testId="bant-reset">
            Discard changes
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

function describeFallback(source: { object: string; property: string; dealName?: string; dealId?: string } | null): string {
  if (!source) return '';
  if (source.object === 'deal') return `from deal ${source.dealName ? `"${source.dealName}"` : source.dealId ?? ''} (${source.property})`;
  return `from the ${source.object}'s ${source.property}`;
}
