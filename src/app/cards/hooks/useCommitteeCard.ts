/** The committee card's data: ONE function call to load, again on retry. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { hubspot } from '@hubspot/ui-extensions';
import { COMMITTEE_API_UID } from '../lib/committeeApi';
import type { CommitteeCardData, CommitteeLoadParameters, CommitteeResponse } from '../lib/committeeApi';
import type { CardError } from '../lib/cardApi';

export type CommitteeState =
  | { status: 'loading' }
  | { status: 'error'; error: CardError }
  | { status: 'ready'; data: CommitteeCardData };

export function useCommitteeCard(parameters: Omit<CommitteeLoadParameters, 'action'>): { state: CommitteeState; reload: () => void } {
  const { portalId, objectTypeId, objectId, locale } = parameters;
  const [state, setState] = useState<CommitteeState>({ status: 'loading' });
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void callCommitteeApi({ action: 'load', portalId, objectTypeId, objectId, ...(locale ? { locale } : {}) }).then((response) => {
      if (!mounted.current) return;
      setState(response.ok ? { status: 'ready', data: response.data } : { status: 'error', error: response.error });
    });
  }, [portalId, objectTypeId, objectId, locale]);

  useEffect(reload, [reload]);
  return { state, reload };
}

/** Calls the committee function; one that cannot be reached comes back as a retryable error. */
async function callCommitteeApi(parameters: CommitteeLoadParameters): Promise<CommitteeResponse> {
  let response: unknown;
  try {
    response = await hubspot.serverless(COMMITTEE_API_UID, { parameters });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'unreachable', message: `Could not reach the BANT function (${detail}).`, retryable: true } };
  }
  // As the contact card: the host may resolve with the function's answer or wrap it as { status, response }.
  const wrapped = response as { status?: unknown; response?: unknown } | null;
  const answer = wrapped?.status === 'SUCCESS' ? wrapped.response : response;
  if (isCommitteeResponse(answer)) return answer;
  if (wrapped?.status === 'ERROR') return { ok: false, error: { code: 'unreachable', message: 'The BANT function did not run.', retryable: true } };
  return { ok: false, error: { code: 'internal', message: 'The BANT function sent an answer the card cannot read.', retryable: false } };
}

function isCommitteeResponse(value: unknown): value is CommitteeResponse {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as { ok?: unknown; data?: { model?: unknown; result?: unknown }; error?: { code?: unknown } };
  if (candidate.ok === true) return Boolean(candidate.data?.model && candidate.data.result);
  return candidate.ok === false && typeof candidate.error?.code === 'string';
}
