/**
 * Call transcripts as HubSpot's calling extensions serve them (`/crm/extensions/calling/2026-03/
 * transcripts`, shapes from HubSpot's API reference): create one for a call (`engagementId`),
 * read one by its id. Which call property names a call's transcript is not documented: the local
 * portal sets `hs_call_has_transcript` and `hs_call_transcription_id` on the call (UNCONFIRMED names).
 */
import { z } from 'zod';
import { notFoundFailure, validationFailure } from './errors';
import { respond } from './routes';
import type { Route } from './routes';

const utterance = z.object({
  speaker: z.object({ id: z.string(), name: z.string(), email: z.string().optional() }),
  text: z.string(),
  languageCode: z.string().optional(),
  startTimeMillis: z.number().int().min(0),
  endTimeMillis: z.number().int().min(0),
});
const createBody = z.object({ engagementId: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(Number), transcriptCreateUtterances: z.array(utterance).min(1) });

export type TranscriptUtterance = z.input<typeof utterance>;

export interface StoredTranscript {
  id: string;
  engagementId: number;
  transcriptSource: 'HUBSPOT_GENERATED' | 'INTEGRATOR_GENERATED';
  transcriptUtterances: Array<TranscriptUtterance & { id: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface TranscriptStore {
  /** Attaches a transcript to a call; its id, or null when the call does not exist. */
  add(callId: string, utterances: TranscriptUtterance[], source?: StoredTranscript['transcriptSource']): string | null;
  get(id: string): StoredTranscript | undefined;
  routes: { getTranscript: Route; createTranscript: Route };
}

/**
 * @param callExists whether a call (0-48) with that id exists
 * @param markCall records the transcript on the call (the local portal's stand-in for HubSpot's link)
 */
export function createTranscriptStore(now: () => number, callExists: (id: string) => boolean, markCall: (callId: string, transcriptId: string) => void): TranscriptStore {
  const transcripts = new Map<string, StoredTranscript>();
  let next = 7_000_001;
  const add: TranscriptStore['add'] = (callId, utterances, source = 'HUBSPOT_GENERATED') => {
    if (!callExists(callId)) return null;
    const id = String(next++);
    const at = new Date(now()).toISOString();
    transcripts.set(id, {
      id, engagementId: Number(callId), transcriptSource: source, createdAt: at, updatedAt: at,
      transcriptUtterances: utterances.map((u, i) => ({ ...u, id: `${id}-${i + 1}` })),
    });
    markCall(callId, id);
    return id;
  };
  return {
    add,
    get: (id) => transcripts.get(id),
    routes: {
      getTranscript: ({ params }) => {
        const found = transcripts.get(params.transcriptId ?? '');
        return found ? { status: 200, body: found } : respond(notFoundFailure(`Transcript ${params.transcriptId ?? ''} was not found.`));
      },
      createTranscript: ({ body }) => {
        const input = createBody.safeParse(body);
        if (!input.success) {
          const issue = input.error.issues[0];
          return respond(validationFailure(`Invalid input JSON: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`));
        }
        const id = add(String(input.data.engagementId), input.data.transcriptCreateUtterances, 'INTEGRATOR_GENERATED');
        return id ? { status: 200, body: { id } } : respond(notFoundFailure(`Call ${input.data.engagementId} was not found.`));
      },
    },
  };
}
