/**
 * The card's data: ONE function call to load, the rep's unsaved edits, a live preview scored by the
 * same engine as the function, and ONE function call to save.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { derivedPropertiesChanged, englishText, scoreLead } from '@bant/engine';
import type { LeadResult } from '@bant/engine';
import { CARD_API_UID } from '../lib/cardApi';
import type { CardApiParameters, CardData, CardError, CardResponse, FieldError } from '../lib/cardApi';

export type CardState =
  | { status: 'loading' }
  | { status: 'error'; error: CardError }
  | { status: 'ready'; data: CardData };

export interface UseBantCardOptions {
  portalId: number;
  contactId: string;
  addAlert: (alert: { type?: 'success' | 'danger' | 'warning' | 'info'; title?: string; message: string }) => void;
  refreshObjectProperties: () => void;
  /** HubSpot's subscription to the record's properties: the card reloads when a recalculation changes them. */
  onCrmPropertiesUpdate?: (properties: string[], callback: (properties: Record<string, string>) => void) => void;
  /** The properties to follow (bant sync writes them to generated/model-properties.json). */
  watchedProperties?: string[];
  now: () => Date;
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
  /** Why the rep cannot save (no edit rights, missing properties), or null. */
  readOnlyReason: string | null;
  reload: () => void;
  setAnswer: (property: string, raw: string) => void;
  resetEdits: () => void;
  save: () => Promise<void>;
}

export function useBantCard({ portalId, contactId, addAlert, refreshObjectProperties, onCrmPropertiesUpdate, watchedProperties = [], now }: UseBantCardOptions): BantCardModel {
  const [state, setState] = useState<CardState>({ status: 'loading' });
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<CardError | null>(null);
  const [refusedReason, setRefusedReason] = useState<string | null>(null);
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void callCardApi({ action: 'load', portalId, contactId }).then((response) => {
      if (!mounted.current) return;
      setState(response.ok ? { status: 'ready', data: response.data } : { status: 'error', error: response.error });
    });
  }, [portalId, contactId]);

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

  const resetEdits = useCallback(() => {
    setEdits({});
    setSaveError(null);
  }, []);

  const save = useCallback(async () => {
    if (!data || Object.keys(edits).length === 0 || saving) return;
    setSaving(true);
    setSaveError(null);
    const response = await callCardApi({ action: 'save', portalId, contactId, answers: edits });
    if (!mounted.current) return;
    setSaving(false);
    if (!response.ok) {
      setSaveError(response.error);
      if (response.error.code === 'forbidden') setRefusedReason(response.error.message);
      return;
    }
    setState({ status: 'ready', data: response.data });
    setEdits({});
    const { result, model } = response.data;
    const found = model.actions.find((a) => a.key === result.nextAction);
    const action = found ? englishText(found.label) : result.nextAction;
    addAlert({
      type: 'success',
      title: 'BANT answers saved',
      message: `Score ${result.score} of ${result.max}, ${result.qualified ? 'qualified' : 'not qualified'}. Next: ${action}.`,
    });
    refreshObjectProperties();
  }, [data, edits, saving, portalId, contactId, addAlert, refreshObjectProperties]);

  const fieldErrors = useMemo(
    () => Object.fromEntries((saveError?.fields ?? []).map((field) => [field.property, field])),
    [saveError],
  );

  const readOnlyReason = refusedReason ?? (data && !data.canEdit ? data.readOnlyReason ?? 'You cannot edit these answers.' : null);

  return { state, edits, preview, saving, saveError, fieldErrors, readOnlyReason, reload, setAnswer, resetEdits, save };
}

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
