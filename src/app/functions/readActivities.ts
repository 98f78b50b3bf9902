import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import { ACTIVITY_OBJECTS, activityTexts, DISMISSED_PROPERTY, newestActivityIds } from '../../extract';
import type { ActivityRecord, ActivityText } from '../../extract';
import type { CardContactRecord } from './contactRead';

/** What the card reads of activities (defined with the extraction engine, which reads them the same way in `bant rescore`). */
export { ACTIVITY_DAYS, ACTIVITY_LIMIT, ACTIVITY_OBJECTS } from '../../extract';

/** The CRM calls reading a contact's activities takes. */
export type ActivityCrm = Pick<CrmClient, 'readObjects'>;

/**
 * A contact's calls, meetings, notes and emails as plain text, newest first: the last 90 days or
 * the last 50, whichever is fewer (`activityTexts`). The card's one contact read (`readCardContact`)
 * brought the ids of all four kinds, the job title and the dismissed suggestions; here one batch
 * read per kind that has any: at most 4 requests. An activity kind the app may not read (a scope the
 * portal refused) is left out.
 */
export async function readActivities(
  crm: ActivityCrm, contact: Pick<CardContactRecord, 'properties' | 'associations'>, now: Date,
  /** How many batch reads the open may still spend: the kinds whose newest activity is newest go first. */
  maxReads: number = ACTIVITY_OBJECTS.length,
  /** A kind read before the others whatever its age (calls, when the rep opened a call's transcript). */
  first?: string,
): Promise<ContactActivities> {
  const kinds = ACTIVITY_OBJECTS
    .map((object) => ({ object, ids: newestActivityIds(contact.associations[object.type] ?? []) }))
    .filter(({ ids }) => ids.length > 0)
    // Ids grow with time: the kind holding the highest id holds the newest activity.
    .sort((a, b) => Number(b.object.type === first) - Number(a.object.type === first) || Number(b.ids[0]) - Number(a.ids[0]))
    .slice(0, Math.max(0, maxReads));
  const read = await Promise.all(kinds.map(async ({ object, ids }): Promise<ActivityRecord[]> => {
    const extra = object.type === 'calls' ? TRANSCRIPT_PROPERTIES : [];
    const records = await crm.readObjects(object.type, ids, [object.date, ...object.text, ...extra]).catch((error: unknown) => {
      // A portal that refused this kind's scope (emails need sales-email-read) still has the others.
      if (error instanceof CrmError && error.code === 'FORBIDDEN') return new Map<string, Record<string, string | null>>();
      throw error;
    });
    return [...records].map(([id, properties]) => ({ type: object.type, id, properties }));
  }));
  const activities = activityTexts(read.flat(), now);
  const shown = new Set(activities.map((a) => a.id));
  // Calls with a transcript, among those read: the rep may open one (the `transcript` action).
  const transcripts = read.flat().flatMap((record): CallTranscriptRef[] => {
    const transcriptId = record.properties[TRANSCRIPT_ID]?.trim();
    if (record.type !== 'calls' || !transcriptId || !shown.has(record.id)) return [];
    const date = activities.find((a) => a.id === record.id)?.date;
    return [{ callId: record.id, transcriptId, ...(date ? { date } : {}) }];
  });
  return { activities, jobTitle: contact.properties.jobtitle ?? null, dismissed: contact.properties[DISMISSED_PROPERTY] ?? null, transcripts };
}

/**
 * Which call property names its transcript is not documented: `hs_call_transcription_id` (with
 * `hs_call_has_transcript`) is what the local portal sets, UNCONFIRMED against HubSpot. Where
 * HubSpot names it otherwise, no call shows a transcript and the card works from call notes.
 */
const TRANSCRIPT_ID = 'hs_call_transcription_id';
const TRANSCRIPT_PROPERTIES = ['hs_call_has_transcript', TRANSCRIPT_ID];

/** A call whose transcript the rep may open. */
export interface CallTranscriptRef {
  callId: string;
  transcriptId: string;
  /** The call's date (ISO). */
  date?: string;
}

/** A contact's activities as text, its job title and the suggestions reps dismissed on it. */
export interface ContactActivities {
  activities: ActivityText[];
  jobTitle: string | null;
  dismissed: string | null;
  /** Calls among them with a transcript, which the card reads only when the rep opens one. */
  transcripts: CallTranscriptRef[];
}
