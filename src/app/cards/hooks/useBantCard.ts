/**
 * The card's data: ONE function call to load, the rep's unsaved edits, a live preview scored by the
 * same engine as the function, and ONE function call to save.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { derivedPropertiesChanged, scoreLead } from '@bant/engine';
import type { LeadResult } from '@bant/engine';
import { CARD_API_UID } from '../lib/cardApi';
import type { CardApiParameters, CardData, CardError, CardResponse, DismissParameters, FieldError, TranscriptParameters } from '../lib/cardApi';
import type { CardLanguage } from './useCardLanguage';
import { keepSuggestions } from '../lib/keepSuggestions';
import type { CardActions } from '../lib/cardActions';

/** The id of the "Edit answers" panel, which a save closes. */
export const EDITOR_PANEL_ID = 'bant-edit-answers';

/** The id of the "Set the verdict by hand" panel, which a save closes. */
export const OVERRIDE_PANEL_ID = 'bant-override';

/** Why the rep cannot save: the app is not set up (missing or locked properties), or HubSpot refused a save (403). */
export type ReadOnlyCause = 'setup' | 'forbidden';

export type CardState =
  | { status: 'loading' }
  | { status: 'error'; error: CardError }
  | { status: 'ready'; data: CardData };

export interface UseBantCardOptions {
  portalId: number;
  contactId: string;
  /** The rep's HubSpot user id (`context.user.id`): the function credits saved answers to them. */
  userId?: string;
  addAlert: (alert: { type?: 'success' | 'danger' | 'warning' | 'info'; title?: string; message: string }) => void;
  refreshObjectProperties: () => void;
  /** Closes the "Edit answers" panel after a save (HubSpot's `actions.closeOverlay`). */
  closeOverlay?: (id: string) => void;
  /** HubSpot's subscription to the record's properties: the card reloads when a recalculation changes them. */
  onCrmPropertiesUpdate?: (properties: string[], callback: (properties: Record<string, string>) => void) => void;
  /** The properties to follow (bant sync writes them to generated/model-properties.json). */
  watchedProperties?: string[];
  now: () => Date;
  language: CardLanguage;
}

export interface BantCardModel {
  state: CardState;
  /** The rep's changed answers, by property: raw HubSpot strings. */
  edits: Record<string, string>;
  /** The result for the stored values merged with the edits, before anything is saved. */
  preview: LeadResult | null;
  saving: boolean;
  saveError: CardError | null;
  fieldErrors: Record<string, FieldError>;
  /** Why the rep cannot save, or null when they can. */
  readOnly: ReadOnlyCause | null;
  reload: () => void;
  setAnswer: (property: string, raw: string) => void;
  /** Drops the unsaved edits and closes the panel. */
  discard: () => void;
  save: () => Promise<void>;
  /** Hides a suggestion for every rep (the function keeps it on the contact) and shows the card it answers with. */
  dismiss: (criterion: string, sourceId: string) => Promise<void>;
  /** "Still true": the function stamps the answers as confirmed by the rep; the card shows what it answers with. */
  confirm: CardActions['confirm'];
  /** Sets or removes the verdict set by hand; on success the panel closes and the card shows the stored result. */
  override: CardActions['override'];
  /** Reads a call's transcript (only now: the rep opened it); its suggestions join the others. */
  readTranscript: (callId: string, transcriptId: string) => Promise<void>;
}

export function useBantCard(options: UseBantCardOptions): BantCardModel {
  const { portalId, contactId, userId, addAlert, refreshObjectProperties, closeOverlay, onCrmPropertiesUpdate, watchedProperties = [], now, language } = options;
  const [state, setState] = useState<CardState>({ status: 'loading' });
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<CardError | null>(null);
  const [refused, setRefused] = useState(false);
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void callCardApi({ action: 'load', portalId, contactId, locale: language.locale }).then((response) => {
      if (!mounted.current) return;
      setState(response.ok ? { status: 'ready', data: response.data } : { status: 'error', error: response.error });
    });
  }, [portalId, contactId, language.locale]);

  useEffect(reload, [reload]);

  const data = state.status === 'ready' ? state.data : null;

  // A deal change or an edit elsewhere is recalculated within seconds: follow the stored values, and
  // reload only when they differ from what the card shows (our own save's refresh costs no call).
  const shown = useRef<CardData | null>(null);
  shown.current = data;
  useEffect(() => {
    if (!onCrmPropertiesUpdate || watchedProperties.length === 0) return;
    onCrmPropertiesUpdate(watchedProperties, (properties) => {
      const current = shown.current;
      if (current && derivedPropertiesChanged(current.contact, properties).length > 0) reload();
    });
    // Subscribed once per card: the callback reads the latest data through the ref.
  }, [onCrmPropertiesUpdate, watchedProperties, reload]);

  const preview = useMemo(() => {
    if (!data) return null;
    return scoreLead(data.model, { contact: { ...data.contact, ...edits }, deals: data.deal ? [data.deal] : [], company: data.company ?? undefined }, now());
  }, [data, edits, now]);

  const setAnswer = useCallback(
    (property: string, raw: string) => {
      setEdits((current) => {
        const next = { ...current };
        if ((data?.contact[property] ?? '') === raw) delete next[property];
        else next[property] = raw;
        return next;
      });
      // Editing a refused field takes its error away; the rest of the refusal stays visible.
      setSaveError((error) => {
        if (!error?.fields?.some((f) => f.property === property)) return error;
        const fields = error.fields.filter((f) => f.property !== property);
        return fields.length > 0 ? { ...error, fields } : null;
      });
    },
    [data],
  );

  const discard = useCallback(() => {
    setEdits({});
    setSaveError(null);
    closeOverlay?.(EDITOR_PANEL_ID);
  }, [closeOverlay]);

  const save = useCallback(async () => {
    if (!data || Object.keys(edits).length === 0 || saving) return;
    setSaving(true);
    setSaveError(null);
    const response = await callCardApi({ action: 'save', portalId, contactId, locale: language.locale, answers: edits, ...(userId ? { userId } : {}) });
    if (!mounted.current) return;
    setSaving(false);
    if (!response.ok) {
      if (response.error.code === 'forbidden') {
        // HubSpot refused the write: the edits cannot be saved by this rep, so the card drops them
        // and shows the stored result again, never a preview that contradicts it.
        setRefused(true);
        setEdits({});
        closeOverlay?.(EDITOR_PANEL_ID);
        return;
      }
      setSaveError(response.error);
      return;
    }
    // Answers come without the suggestions and the lead (read on open): keep those still worth showing.
    setState({ status: 'ready', data: keepSuggestions(data, withLead(response.data, data)) });
    setEdits({});
    closeOverlay?.(EDITOR_PANEL_ID);
    const { result, model } = response.data;
    const found = model.actions.find((a) => a.key === result.nextAction);
    const { t, text } = language;
    addAlert({
      type: 'success',
      title: t('editor.savedTitle'),
      message: t('editor.savedMessage', { score: result.score, max: result.max, action: found ? text(found.label) : result.nextAction }),
    });
    refreshObjectProperties();
  }, [data, edits, saving, portalId, contactId, userId, addAlert, refreshObjectProperties, closeOverlay, language]);

  /** A suggestion action (dismiss, transcript): ONE function call that answers like a load; a refusal in an alert. */
  const act = useCallback(async (parameters: SuggestionAction) => {
    const response = await callCardApi({ ...parameters, portalId, contactId, locale: language.locale });
    if (!mounted.current) return;
    if (!response.ok) {
      addAlert({ type: 'danger', message: response.error.message });
      return;
    }
    setState({ status: 'ready', data: withLead(response.data, data) });
  }, [portalId, contactId, addAlert, language.locale, data]);
  const dismiss = useCallback((criterion: string, sourceId: string) => act({ action: 'dismiss', criterion, sourceId }), [act]);
  const readTranscript = useCallback((callId: string, transcriptId: string) => act({ action: 'transcript', callId, transcriptId }), [act]);

  const confirm = useCallback(async (criteria: string[]) => {
    const response = await callCardApi({ action: 'confirm', portalId, contactId, locale: language.locale, userId: userId ?? '', criteria });
    if (!mounted.current) return;
    if (!response.ok) {
      addAlert({ type: 'danger', message: response.error.message });
      return;
    }
    // Answers come without the suggestions and the lead (read on open): keep those still worth showing.
    setState({ status: 'ready', data: keepSuggestions(data, withLead(response.data, data)) });
    const { model } = response.data;
    const labels = criteria.map((key) => model.criteria.find((c) => c.key === key)).map((c, i) => (c ? language.text(c.label) : criteria[i] ?? ''));
    addAlert({ type: 'success', message: language.t('trust.confirmedAlert', { label: language.format.list(labels) }) });
    refreshObjectProperties();
  }, [portalId, contactId, userId, addAlert, refreshObjectProperties, language, data]);

  const override = useCallback<CardActions['override']>(async (request) => {
    const response = await callCardApi({ action: 'override', portalId, contactId, locale: language.locale, userId: userId ?? '', ...request });
    if (!mounted.current || !response.ok) return response;
    // Answers come without the suggestions and the lead (read on open): keep those still worth showing.
    setState({ status: 'ready', data: keepSuggestions(data, withLead(response.data, data)) });
    closeOverlay?.(OVERRIDE_PANEL_ID);
    const { t } = language;
    addAlert({
      type: 'success',
      message: request.verdict === null ? t('trust.removed') : t('trust.saved', { verdict: t(request.verdict === 'qualified' ? 'trust.qualified' : 'trust.notQualified') }),
    });
    refreshObjectProperties();
    return response;
  }, [portalId, contactId, userId, addAlert, refreshObjectProperties, closeOverlay, language, data]);

  const fieldErrors = useMemo(
    () => Object.fromEntries((saveError?.fields ?? []).map((field) => [field.property, field])),
    [saveError],
  );

  const readOnly: ReadOnlyCause | null = refused ? 'forbidden' : data && !data.canEdit ? 'setup' : null;

  return { state, edits, preview, saving, saveError, fieldErrors, readOnly, reload, setAnswer, discard, save, dismiss, readTranscript, confirm, override };
}

type SuggestionAction =
  | Omit<DismissParameters, 'portalId' | 'contactId' | 'locale'>
  | Omit<TranscriptParameters, 'portalId' | 'contactId' | 'locale'>;

/** Calls the card's app function; a function that cannot be reached comes back as a retryable error. */
async function callCardApi(parameters: CardApiParameters): Promise<CardResponse> {
  let response: unknown;
  try {
    response = await hubspot.serverless(CARD_API_UID, { parameters });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: { code: 'unreachable', message: `Could not reach the BANT function (${detail}). Check your connection and try again.`, retryable: true },
    };
  }
  // The SDK types the promise as the function's return value; the deprecated runServerlessFunction
  // wrapped it as { status, response } (or { status: 'ERROR', message }). Which one HubSpot's host
  // resolves with is not settled by any source we could read, so both are accepted.
  if (isCardResponse(response)) return response;
  const wrapped = response as { status?: unknown; response?: unknown; message?: unknown } | null;
  if (wrapped?.status === 'SUCCESS' && isCardResponse(wrapped.response)) return wrapped.response;
  if (wrapped?.status === 'ERROR') {
    return {
      ok: false,
      error: { code: 'unreachable', message: `The BANT function did not run (${String(wrapped.message ?? 'no reason given')}). Try again in a moment.`, retryable: true },
    };
  }
  return {
    ok: false,
    error: {
      code: 'internal',
      message: 'The BANT function sent an answer the card cannot read. Ask your HubSpot admin to check the app function logs for bant_card_api.',
      retryable: false,
    },
  };
}

function isCardResponse(value: unknown): value is CardResponse {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as { ok?: unknown; data?: { model?: unknown; result?: unknown }; error?: { code?: unknown; message?: unknown } };
  if (candidate.ok === true) return Boolean(candidate.data?.model && candidate.data.result);
  return candidate.ok === false && typeof candidate.error?.code === 'string' && typeof candidate.error.message === 'string';
}

/** A save or dismissal answers without the contact's lead (only a load reads it): the card keeps showing the one it had. */
function withLead(next: CardData, shown: CardData | null): CardData {
  return next.lead === undefined && shown?.lead ? { ...next, lead: shown.lead } : next;
}
