import type { ActivityKind, ActivityText } from './types';
import { toPlainText } from './toPlainText';

/** The HubSpot activity objects suggestions read, with the properties that hold their text and date. */
export const ACTIVITY_OBJECTS = [
  { type: 'calls', kind: 'call_note', date: 'hs_timestamp', text: ['hs_call_title', 'hs_call_body'] },
  { type: 'meetings', kind: 'meeting_note', date: 'hs_timestamp', text: ['hs_meeting_title', 'hs_meeting_body', 'hs_internal_meeting_notes'] },
  { type: 'notes', kind: 'note', date: 'hs_timestamp', text: ['hs_note_body'] },
  { type: 'emails', kind: 'email', date: 'hs_timestamp', text: ['hs_email_subject', 'hs_email_text'] },
] as const satisfies ReadonlyArray<{ type: string; kind: ActivityKind; date: string; text: readonly string[] }>;

export type ActivityObjectType = (typeof ACTIVITY_OBJECTS)[number]['type'];

/** At most this many activities, and none older than this many days: the newest say the most. */
export const ACTIVITY_LIMIT = 50;
export const ACTIVITY_DAYS = 90;

/** One activity record as HubSpot returned it. */
export interface ActivityRecord {
  type: ActivityObjectType;
  id: string;
  properties: Record<string, string | null | undefined>;
}

/**
 * Activity records as the texts extraction reads: HTML stripped, title and body joined, newest
 * first, the last 90 days (and none dated after tomorrow) or the last 50, whichever is fewer;
 * records without text are left out.
 * @example activityTexts([{ type: 'notes', id: '7', properties: { hs_timestamp: '2026-11-20T10:00:00Z', hs_note_body: '<p>150k</p>' } }], now) // [{ id: '7', kind: 'note', text: '150k', ... }]
 */
export function activityTexts(records: readonly ActivityRecord[], now: Date): ActivityText[] {
  const since = now.getTime() - ACTIVITY_DAYS * 86_400_000;
  const until = now.getTime() + 86_400_000;
  const texts: ActivityText[] = [];
  for (const record of records) {
    const object = ACTIVITY_OBJECTS.find((o) => o.type === record.type);
    if (!object) continue;
    const date = readDate(record.properties[object.date]);
    const text = object.text.map((name) => toPlainText(record.properties[name] ?? '')).filter((t) => t !== '').join('\n');
    if (text === '' || date === null || Date.parse(date) < since || Date.parse(date) > until) continue;
    texts.push({ id: record.id, kind: object.kind, date, text });
  }
  return texts.sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || Number(b.id) - Number(a.id)).slice(0, ACTIVITY_LIMIT);
}

/**
 * The ids worth reading of one kind: the newest ACTIVITY_LIMIT by id (HubSpot's ids grow with
 * time), so a contact with thousands of emails costs no more than one with fifty.
 */
export function newestActivityIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort((a, b) => Number(b) - Number(a)).slice(0, ACTIVITY_LIMIT);
}

/** HubSpot stores activity times as ISO date-times or epoch milliseconds. */
function readDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const date = /^\d+$/.test(raw.trim()) ? new Date(Number(raw)) : new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
