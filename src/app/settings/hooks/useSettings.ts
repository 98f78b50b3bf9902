/**
 * The settings page's data: ONE function call for the model and its mapping checks, and one per
 * contact RevOps want to see scored.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { SETTINGS_API_UID } from '../lib/settingsApi';
import type { SettingsLanguage } from './useSettingsLanguage';
import type { ContactPreview, DraftTrial, JsonObject, PublishResult, PushResult, SettingsError, SettingsOverview, SettingsParameters, SettingsResponse } from '../lib/settingsApi';

export type Loadable<T> = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: SettingsError } | { status: 'ready'; data: T };

export interface SettingsPageModel {
  overview: Loadable<SettingsOverview>;
  reload: () => void;
  preview: Loadable<ContactPreview>;
  lookup: string;
  setLookup: (value: string) => void;
  scoreContact: () => void;
  trial: Loadable<DraftTrial>;
  tryDraft: (model: JsonObject) => void;
  /** Saves the draft (a super admin's, checked by the function); resolves with the new version or the refusal. */
  saveDraft: (model: JsonObject, note: string, basedOn: number | null) => Promise<SettingsResponse<PushResult>>;
  publish: (number: number, note: string, expected: number | null) => Promise<SettingsResponse<PublishResult>>;
}

export function useSettings(userId: number, language: SettingsLanguage): SettingsPageModel {
  const { t, locale } = language;
  const [trial, setTrial] = useState<Loadable<DraftTrial>>({ status: 'idle' });
  const [overview, setOverview] = useState<Loadable<SettingsOverview>>({ status: 'loading' });
  const [preview, setPreview] = useState<Loadable<ContactPreview>>({ status: 'idle' });
  const [lookup, setLookup] = useState('');
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
  }, []);

  const reload = useCallback(() => {
    // A refresh after a save or a publish keeps the page (and what it just said) while it loads.
    setOverview((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    void call<SettingsOverview>({ action: 'overview', locale }, t).then((response) => {
      if (mounted.current) setOverview(response.ok ? { status: 'ready', data: response.data } : { status: 'error', error: response.error });
    });
  }, [t, locale]);
  useEffect(reload, [reload]);

  const scoreContact = useCallback(() => {
    const contact = lookup.trim();
    if (!contact) {
      setPreview({ status: 'error', error: { code: 'invalid_parameters', retryable: false, message: t('preview.enterFirst') } });
      return;
    }
    setPreview({ status: 'loading' });
    void call<ContactPreview>({ action: 'preview', locale, contact }, t).then((response) => {
      if (mounted.current) setPreview(response.ok ? { status: 'ready', data: response.data } : { status: 'error', error: response.error });
    });
  }, [lookup, t, locale]);

  const tryDraft = useCallback((model: JsonObject) => {
    setTrial({ status: 'loading' });
    void call<DraftTrial>({ action: 'try', locale, model }, t).then((response) => {
      if (mounted.current) setTrial(response.ok ? { status: 'ready', data: response.data } : { status: 'error', error: response.error });
    });
  }, [t, locale]);
  const saveDraft = useCallback((model: JsonObject, note: string, basedOn: number | null) => call<PushResult>({ action: 'push', locale, userId, model, note, basedOn }, t), [userId, t, locale]);
  const publish = useCallback((number: number, note: string, expected: number | null) => call<PublishResult>({ action: 'publish', locale, userId, number, note, expected }, t), [userId, t, locale]);

  return { overview, reload, preview, lookup, setLookup, scoreContact, trial, tryDraft, saveDraft, publish };
}

/** Calls the settings function; a function that cannot be reached comes back as a retryable error. */
async function call<T>(parameters: SettingsParameters, t: SettingsLanguage['t']): Promise<SettingsResponse<T>> {
  let response: unknown;
  try {
    response = await hubspot.serverless(SETTINGS_API_UID, { parameters });
  } catch (error) {
    console.error(`${SETTINGS_API_UID} could not be reached:`, error);
    return { ok: false, error: { code: 'unreachable', retryable: true, message: t('errors.unreachable') } };
  }
  if (isResponse(response)) return response as SettingsResponse<T>;
  return { ok: false, error: { code: 'internal', retryable: false, message: t('errors.unreadable') } };
}

function isResponse(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  if (candidate.ok === true) return typeof candidate.data === 'object' && candidate.data !== null;
  return candidate.ok === false && typeof candidate.error?.code === 'string' && typeof candidate.error.message === 'string';
}
