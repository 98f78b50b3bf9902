import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import { ACTIVITY_OBJECTS, activityTexts, DISMISSED_PROPERTY, newestActivityIds } from '../../extract';
import type { ActivityRecord, ActivityText } from '../../extract';
import type { CardContactRecord } from './contactRead';

/** The CRM calls reading a contact's activities takes. */
export type ActivityCrm = Pick<CrmClient, 'readObjects'>;

/**
 * A contact's calls, meetings, notes and emails as plain text, newest first: the last 90 days or
 * the last 50, whichever is fewer (`activityTexts`). The card's one contact read (`readCardContact`)
 * brought the ids of all four kinds, the job title and the dismissed suggestions; here one batch
 * read per kind that has any: at most 4 requests. An activity kind the app may not read (a scope the
 * portal refused) is left out.
 */
export async function readActivities(crm: ActivityCrm, contact: Pick<CardContactRecord, 'properties' | 'associations'>, now: Date): Promise<ContactActivities> {
  const read = await Promise.all(ACTIVITY_OBJECTS.map(async (object): Promise<ActivityRecord[]> => {
    const ids = newestActivityIds(contact.associations[object.type] ?? []);
    if (ids.length === 0) return [];
    const records = await crm.readObjects(object.type, ids, [object.date, ...object.text]).catch((error: unknown) => {
      // A portal that refused this kind's scope (emails need sales-email-read) still has the others.
      if (error instanceof CrmError && error.code === 'FORBIDDEN') return new Map<string, Record<string, string | null>>();
      throw error;
    });
    return [...records].map(([id, properties]) => ({ type: object.type, id, properties }));
  }));
  return { activities: activityTexts(read.flat(), now), jobTitle: contact.properties.jobtitle ?? null, dismissed: contact.properties[DISMISSED_PROPERTY] ?? null };
}

/** A contact's activities as text, its job title and the suggestions reps dismissed on it. */
export interface ContactActivities {
  activities: ActivityText[];
  jobTitle: string | null;
  dismissed: string | null;
}
