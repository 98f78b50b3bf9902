import { CrmError } from '../crm';
import type { CrmClient } from '../crm';
import { ACTIVITY_OBJECTS, activityTexts, newestActivityIds } from '../extract';
import type { ActivityRecord, ActivityText } from '../extract';

/** The CRM calls reading many contacts' activities takes. */
export type ActivityReader = Pick<CrmClient, 'contactActivities' | 'readObjects'>;

/**
 * The calls, meetings, notes and emails of many contacts as the texts extraction reads (newest
 * first, the last 90 days or 50, whichever is fewer: `activityTexts`), in batches: per kind one v4
 * association read per 1,000 contacts, then the newest 50 of each contact read 100 per call (an
 * activity shared by several contacts is read once). A kind the app may not read (a scope the
 * portal refused) is left out.
 */
export async function readLeadActivities(crm: ActivityReader, contactIds: readonly string[], now: Date): Promise<Map<string, ActivityText[]>> {
  const byContact = new Map<string, ActivityRecord[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return new Map();
  await Promise.all(ACTIVITY_OBJECTS.map(async (object) => {
    try {
      const associated = await crm.contactActivities(contactIds, object.type);
      const wanted = new Map([...associated].map(([contactId, ids]) => [contactId, newestActivityIds(ids)]));
      const ids = [...new Set([...wanted.values()].flat())];
      if (ids.length === 0) return;
      const records = await crm.readObjects(object.type, ids, [object.date, ...object.text]);
      for (const [contactId, activityIds] of wanted) {
        for (const id of activityIds) {
          const properties = records.get(id);
          if (properties) byContact.get(contactId)?.push({ type: object.type, id, properties });
        }
      }
    } catch (error) {
      if (error instanceof CrmError && error.code === 'FORBIDDEN') return;
      throw error;
    }
  }));
  return new Map([...byContact].map(([id, records]) => [id, activityTexts(records, now)]));
}
