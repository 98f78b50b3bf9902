import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import { transcriptText } from '../../extract';
import type { CardResponse, TranscriptParameters } from '../cards/lib/cardApi';
import type { FunctionTranslate } from './messages';
import type { OpenedTranscript } from './loadSuggestions';

/**
 * The `transcript` action: reads one call's transcript (one request, HubSpot's calling transcripts
 * API; only when the rep opens it), then answers like a load with its suggestions joined to the
 * others (`load` reads the call among the contact's activities, so a call of another contact gives
 * nothing). A transcript that is gone or belongs to another call, or a portal that refuses the
 * scope, is said in words.
 */
export async function openTranscript(
  crm: Pick<CrmClient, 'getCallTranscript'>, { callId, transcriptId }: Pick<TranscriptParameters, 'callId' | 'transcriptId'>, t: FunctionTranslate,
  load: (opened: OpenedTranscript) => Promise<CardResponse>,
): Promise<CardResponse> {
  let transcript;
  try {
    transcript = await crm.getCallTranscript(transcriptId);
  } catch (error) {
    if (error instanceof CrmError && error.code === 'FORBIDDEN') return { ok: false, error: { code: 'forbidden', retryable: false, message: t('suggestions.transcriptRefused') } };
    throw error;
  }
  if (!transcript || transcript.engagementId !== callId) return { ok: false, error: { code: 'not_found', retryable: false, message: t('suggestions.transcriptMissing') } };
  return load({ callId, text: transcriptText(transcript.transcriptUtterances) });
}
