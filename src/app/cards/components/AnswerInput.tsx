import { CurrencyInput, DateInput, MultiSelect, NumberInput, Select, Toggle, ToggleGroup } from '@hubspot/ui-extensions';
import { formatNumber, parseDate, parseMulti, parseNumber } from '@bant/engine';
import { useCardLanguage } from '../hooks/useCardLanguage';
import type { AnswerField } from '../lib/answerFields';

export interface AnswerInputProps {
  field: AnswerField;
  /** The raw HubSpot value shown: the rep's edit, else the stored answer ("" when none). */
  value: string;
  readOnly: boolean;
  /** Under the label: the discovery question, or where a locked value comes from. */
  description?: string | undefined;
  /** Beside the label: the second discovery question. */
  tooltip?: string | undefined;
  validationMessage?: string | undefined;
  /** The portal's company currency, for amounts. */
  currency: string | null;
  onChange: (raw: string) => void;
}

/** The control a rule calls for, reading and writing raw HubSpot strings. */
export function AnswerInput({ field, value, readOnly, description, tooltip, validationMessage, currency, onChange }: AnswerInputProps) {
  const { t } = useCardLanguage();
  const common = {
    name: field.property,
    label: field.label,
    readOnly,
    ...(description ? { description } : {}),
    ...(tooltip ? { tooltip } : {}),
    error: Boolean(validationMessage),
    validationMessage,
    testId: `bant-input-${field.criterion.key}`,
  };
  switch (field.control) {
    case 'currency':
    case 'number': {
      const parsed = parseNumber(value);
      const numeric = value.trim() !== '' && parsed.ok ? parsed.value : undefined;
      const onNumber = (next: number) => onChange(typeof next === 'number' && Number.isFinite(next) ? formatNumber(next) : '');
      const min = field.rule.type === 'bands' ? Math.min(...field.rule.bands.map((b) => b.from)) : undefined;
      return field.control === 'currency' ? (
        <CurrencyInput {...common} {...(currency ? { currency } : {})} value={numeric} min={min} onChange={onNumber} />
      ) : (
        <NumberInput {...common} value={numeric} min={min} onChange={onNumber} />
      );
    }
    case 'select':
      return (
        <Select
          {...common}
          placeholder={t('editor.choose')}
          value={value === '' ? undefined : value}
          options={field.options}
          onChange={(next) => onChange(next === undefined || next === null ? '' : String(next))}
        />
      );
    case 'checkboxes':
      return (
        <ToggleGroup
          {...common}
          toggleType="checkboxList"
          options={field.options.map((o) => ({ ...o, readOnly }))}
          value={parseMulti(value)}
          onChange={(next: string[]) => onChange(next.join(';'))}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          placeholder={t('editor.chooseMany')}
          value={parseMulti(value)}
          options={field.options}
          onChange={(next) => onChange(next.map(String).join(';'))}
        />
      );
    case 'toggle':
      return (
        <Toggle
          name={common.name}
          label={common.label}
          readOnly={readOnly}
          testId={common.testId}
          textChecked={t('criteria.yes')}
          textUnchecked={t('criteria.no')}
          checked={value.trim().toLowerCase() === 'true'}
          onChange={(checked) => onChange(checked ? 'true' : 'false')}
        />
      );
    case 'date': {
      const parsed = value.trim() === '' ? null : parseDate(value);
      const date = parsed?.ok ? parsed.value : null;
      // No `format`: HubSpot shows the date in the user's own locale format.
      return (
        <DateInput
          {...common}
          value={date ? { year: date.getUTCFullYear(), month: date.getUTCMonth(), date: date.getUTCDate() } : undefined}
          onChange={(next) => onChange(next ? `${next.year}-${pad(next.month + 1)}-${pad(next.date)}` : '')}
        />
      );
    }
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
