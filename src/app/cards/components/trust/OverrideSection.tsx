import { Alert, Button, ButtonRow, DateInput, Form, LoadingButton, Panel, PanelBody, PanelFooter, PanelSection, Select, Text, TextArea } from '@hubspot/ui-extensions';
import { useState } from 'react';
import type { Verdict } from '@bant/engine';
import { OVERRIDE_PANEL_ID } from '../../hooks/useBantCard';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import type { CardData, CardError, CardResponse } from '../../lib/cardApi';
import { errorMessage } from '../../lib/errorMessage';
import { personName } from './changeText';
import { portalToday } from './portalDays';

/** What the card sends to set the verdict by hand (`verdict: null` removes it). */
export interface OverrideRequest {
  verdict: Verdict | null;
  reason?: string;
  /** The last day it counts, YYYY-MM-DD. */
  until?: string;
}

export interface OverrideSectionProps {
  data: CardData;
  /** Whether the rep can save here (the card is not read-only). */
  canEdit: boolean;
  onOverride: (request: OverrideRequest) => Promise<CardResponse>;
  /** Closes the panel without saving. */
  onClose: () => void;
  /** The clock the earliest last day is counted from; tests pin it. */
  now?: () => Date;
}

const systemNow = () => new Date();

/**
 * The verdict set by hand beside the model's, and which one the next step follows; a button opens
 * the form to set, change or remove it when the model lets editors override. Nothing when there is
 * neither an override nor a way to set one.
 */
export function OverrideSection({ data, canEdit, onOverride, onClose, now = systemNow }: OverrideSectionProps) {
  const language = useCardLanguage();
  const { t, format } = language;
  const { result, model } = data;
  const override = result.override;
  const users = data.history?.users ?? {};
  const verdictWord = (verdict: Verdict) => t(verdict === 'qualified' ? 'trust.qualified' : 'trust.notQualified');
  const computed = verdictWord(result.qualified ? 'qualified' : 'not_qualified');
  const day = (iso: string) => format.date(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  const allowed = model.overrides?.who === 'editors';

  let status: string | null = null;
  if (override) {
    const verdict = verdictWord(override.verdict);
    switch (override.status) {
      case 'applies':
        status = `${t('trust.overrideApplies', {
          verdict, by: override.by ? t('trust.by', { name: personName(override.by, users, language) }) : '',
          until: override.until ? t('trust.until', { date: day(override.until) }) : '', reason: override.reason ?? '',
        })} ${t('trust.overrideModelSays', { verdict: computed, routing: t(model.overrides?.routing === 'override' ? 'trust.routingOverride' : 'trust.routingComputed') })}`;
        break;
      case 'expired':
        status = t('trust.overrideExpired', { verdict, date: day(override.until ?? '') });
        break;
      case 'not_allowed':
        status = t('trust.overrideStoredNotAllowed', { verdict });
        break;
      case 'unreadable_until':
        status = t('trust.overrideUnreadable', { verdict });
        break;
    }
  }
  const button = allowed && canEdit && (
    <Button
      variant="secondary"
      size="sm"
      testId="bant-override-open"
      overlay={<OverridePanel data={data} computed={computed} onOverride={onOverride} onClose={onClose} now={now} />}
    >
      {t(override?.status === 'applies' ? 'trust.overrideChange' : 'trust.overrideOpen')}
    </Button>
  );
  return (
    <>
      {status && <Text variant="microcopy" testId="bant-override-status">{status}</Text>}
      {button}
    </>
  );
}

interface OverridePanelProps {
  data: CardData;
  computed: string;
  onOverride: (request: OverrideRequest) => Promise<CardResponse>;
  onClose: () => void;
  now: () => Date;
}

/**
 * The earliest last day the function accepts, YYYY-MM-DD: today in the portal's time zone, or
 * today in UTC when that is later (a last day counts until its end in UTC, so in a zone behind UTC
 * the portal's today has already ended there by the evening, and the function refuses it).
 * @example earliestLastDay(new Date('2026-11-24T03:00:00Z'), 'America/Los_Angeles') // '2026-11-24' (still the 23rd in Los Angeles)
 */
export function earliestLastDay(now: Date, timeZone: string | null): string {
  const portal = portalToday(now, timeZone);
  const utc = now.toISOString().slice(0, 10);
  return portal > utc ? portal : utc;
}

/** The form: verdict, reason (required), last day (optional); Save, Cancel, and Remove when one is set. */
function OverridePanel({ data, computed, onOverride, onClose, now }: OverridePanelProps) {
  const language = useCardLanguage();
  const { t } = language;
  const timeZone = language.timeZone ?? data.timeZone ?? null;
  const earliest = earliestLastDay(now(), timeZone);
  const earliestDate = toDate(earliest)!;
  const tooEarly = t('trust.untilTooEarly', { date: language.format.date(new Date(`${earliest}T00:00:00Z`)) });
  const current = data.result.override;
  const [verdict, setVerdict] = useState<Verdict | ''>(current?.verdict ?? '');
  const [reason, setReason] = useState(current?.reason ?? '');
  const [until, setUntil] = useState(current?.status === 'applies' ? current.until ?? '' : '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<CardError | null>(null);
  const [saving, setSaving] = useState(false);

  const send = async (request: OverrideRequest) => {
    setSaving(true);
    setFailure(null);
    const response = await onOverride(request);
    setSaving(false);
    if (response.ok) {
      setErrors({});
      return;
    }
    const fields = response.error.fields ?? [];
    setErrors(Object.fromEntries(fields.map((f) => [f.property, f.message])));
    if (fields.length === 0) setFailure(response.error);
  };
  const save = () => {
    const missing: Record<string, string> = {};
    if (verdict === '') missing.bant_override = t('trust.pickVerdict');
    if (reason.trim() === '') missing.bant_override_reason = t('trust.reasonMissing');
    // A past last day would be refused by the function: say so on the field before sending.
    if (until !== '' && until < earliest) missing.bant_override_until = tooEarly;
    setErrors(missing);
    if (Object.keys(missing).length > 0 || verdict === '') return;
    void send({ verdict, reason: reason.trim(), ...(until ? { until } : {}) });
  };
  const date = toDate(until);

  return (
    <Panel id={OVERRIDE_PANEL_ID} title={t('trust.panelTitle')} variant="modal" testId="bant-override-panel">
      <PanelBody>
        <PanelSection>
          <Text testId="bant-override-intro">{t('trust.panelIntro', { verdict: computed })}</Text>
          {failure && (
            <Alert title={t('editor.notSaved')} variant="danger" testId="bant-override-error">
              {failure.code === 'not_allowed' ? t('trust.overrideNotAllowed') : `${t(errorMessage(failure.code))} ${t(failure.retryable ? 'editor.keptRetry' : 'editor.keptFix')}`}
            </Alert>
          )}
          <Form onSubmit={save} testId="bant-override-form">
            <Select
              name="bant_override"
              label={t('trust.fieldVerdict')}
              required
              value={verdict}
              options={[{ value: 'qualified', label: t('trust.qualified') }, { value: 'not_qualified', label: t('trust.notQualified') }]}
              onChange={(value) => setVerdict(value === 'qualified' || value === 'not_qualified' ? value : '')}
              error={Boolean(errors.bant_override)}
              validationMessage={errors.bant_override}
              testId="bant-override-verdict"
            />
            <TextArea
              name="bant_override_reason"
              label={t('trust.fieldReason')}
              description={t('trust.fieldReasonHelp')}
              required
              value={reason}
              onChange={(value) => setReason(value)}
              error={Boolean(errors.bant_override_reason)}
              validationMessage={errors.bant_override_reason}
              testId="bant-override-reason"
            />
            <DateInput
              name="bant_override_until"
              label={t('trust.fieldUntil')}
              description={t('trust.fieldUntilHelp')}
              value={date}
              min={earliestDate}
              minValidationMessage={tooEarly}
              timezone="portalTz"
              onChange={(next) => setUntil(next ? `${next.year}-${pad(next.month + 1)}-${pad(next.date)}` : '')}
              error={Boolean(errors.bant_override_until)}
              validationMessage={errors.bant_override_until}
              testId="bant-override-until"
            />
          </Form>
        </PanelSection>
      </PanelBody>
      <PanelFooter>
        <ButtonRow>
          <LoadingButton variant="primary" loading={saving} disabled={saving} onClick={save} testId="bant-override-save">{t('trust.save')}</LoadingButton>
          {current && (
            <Button variant="destructive" disabled={saving} onClick={() => void send({ verdict: null })} testId="bant-override-remove">{t('trust.remove')}</Button>
          )}
          <Button variant="secondary" disabled={saving} onClick={() => { setErrors({}); onClose(); }} testId="bant-override-cancel">{t('trust.cancel')}</Button>
        </ButtonRow>
      </PanelFooter>
    </Panel>
  );
}

/** A YYYY-MM-DD day as the DateInput takes it (months from 0), or undefined. */
function toDate(day: string): { year: number; month: number; date: number } | undefined {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return parts ? { year: Number(parts[1]), month: Number(parts[2]) - 1, date: Number(parts[3]) } : undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
