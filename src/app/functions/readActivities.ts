import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import { DISMISSED_PROPERTY, toPlainText } from '../../extract';
import type { ActivityKind, ActivityText } from '../../extract';
import type { CardContactRecord } from './contactRead';

/** The CRM calls reading a contact's activities takes. */
export type ActivityCrm = Pick<CrmClient, 'readObjects'>;

/** The activity objects a card reads, with the properties that hold their text and date. */
export const ACTIVITY_OBJECTS = [
  { type: 'calls', kind: 'call_note', date: 'hs_timestamp', text: ['hs_call_title', 'hs_call_body'] },
  { type: 'meetings', kind: 'meeting_note', date: 'hs_timestamp', text: ['hs_meeting_title', 'hs_meeting_body', 'hs_internal_meeting_notes'] },
  { type: 'notes', kind: 'note', date: 'hs_timestamp', text: ['hs_note_body'] },
  { type: 'emails', kind: 'email', date: 'hs_timestamp', text: ['hs_email_subject', 'hs_email_text'] },
] as const satisfies ReadonlyArray<{ type: string; kind: ActivityKind; date: string; text: readonly string[] }>;

/** At most this many activities, and none older than this many days: the newest say the most. */
export const ACTIVITY_LIMIT = 50;
export const ACTIVITY_DAYS = 90;

/**
 * A contact's calls, meetings, notes and emails as plain text, newest first: the last 90 days or
 * the last 50, whichever is fewer. The card's one contact read (`readCardContact`) brought the ids
 * of all four kinds, the job title and the dismissed suggestions; here one batch read per kind that
 * has any: at most 4 requests. An activity kind the app may not read (a scope the portal refused) is
 * left out.
 */
export async function readActivities(crm: ActivityCrm, contact: Pick<CardContactRecord, 'properties' | 'associations'>, now: Date): Promise<ContactActivities> {
  const since = now.getTime() - ACTIVITY_DAYS * 86_400_000;
  const read = await Promise.all(ACTIVITY_OBJECTS.map(async (object) => {
    // Ids grow with time: the highest ids are the newest activities.
    const ids = [...(contact.associations?.[object.type] ?? [])].sort((a, b) => Number(b) - Number(a)).slice(0, ACTIVITY_LIMIT);
    if (ids.length === 0) return [];
    const records = await crm.readObjects(object.type, ids, [object.date, ...object.text]).catch((error: unknown) => {
      // A portal that refused this kind's scope (emails need sales-email-read) still has the others.
      if (error instanceof CrmError && error.code === 'FORBIDDEN') return new Map<string, Record<string, string | null>>();
      throw error;
    });
    return [...records].map(([id, properties]): ActivityText => ({
      id,
      kind: object.kind,
      date: readDate(properties[object.date]) ?? new Date(0).toISOString(),
      text: object.text.map((name) => toPlainText(properties[name] ?? '')).filter((t) => t !== '').join('\n'),
    }));
  }));
  const activities = read.flat()
    .filter((a) => a.text !== '' && Date.parse(a.date) >= since && Date.parse(a.date) <= now.getTime() + 86_400_000)
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || Number(b.id) - Number(a.id))
    .slice(0, ACTIVITY_LIMIT);
  return { activities, jobTitle: contact.properties.jobtitle ?? null, dismissed: contact.properties[DISMISSED_PROPERTY] ?? null };
}

/** A contact's activities as text, its job title and the suggestions reps dismissed on it. */
export interface ContactActivities {
  activities: ActivityText[];
  jobTitle: string | null;
  dismissed: string | null;
}

/** HubSpot stores activity times as ISO date-times or epoch milliseconds. */
function readDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const date = /^\d+$/.test(raw.trim()) ? new Date(Number(raw)) : new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
