import type { Portal } from './createPortal';
import { createRandom } from './random';

const DAY = 86_400_000;

/** What reps and buyers write, for the demo: each a call, meeting, note or email the extraction can read (or not). */
const ACTIVITIES: ReadonlyArray<{ type: 'calls' | 'meetings' | 'notes' | 'emails'; properties: Record<string, string> }> = [
  { type: 'calls', properties: { hs_call_title: 'Discovery call', hs_call_body: '<p>Budget ~120k approved for this year.</p><p>Their reps copy data between tools for hours and it is killing response times. Want to go live by end of next quarter.</p>' } },
  { type: 'calls', properties: { hs_call_title: 'Follow-up', hs_call_body: '<p>They have about 60K set aside. Not urgent, more of a nice-to-have for the support team.</p>' } },
  { type: 'meetings', properties: { hs_meeting_title: 'Demo', hs_internal_meeting_notes: '<ul><li>Company has 350 employees and $40M revenue.</li><li>The competitor quoted 90k.</li><li>Decision in the next 6 weeks.</li></ul>' } },
  { type: 'notes', properties: { hs_note_body: 'Spoke with procurement. Budget range 70-90k. Award planned in two months.' } },
  { type: 'emails', properties: { hs_email_subject: 'Next steps', hs_email_text: "Hi,\n\nI'm the head of finance and I'll lead the evaluation. Our AP process is painful: invoices get lost every week. We have €75k earmarked.\n\nBest,\nFrida" } },
  { type: 'emails', properties: { hs_email_subject: 'Re: pricing', hs_email_text: "Thanks for the info. We're just browsing for now; our conference is in three weeks, let's talk after." } },
  { type: 'notes', properties: { hs_note_body: 'Left a voicemail. Will try again on Tuesday.' } },
  { type: 'calls', properties: { hs_call_title: 'Qualification', hs_call_body: 'No budget until next year. The current tool works fine for now.' } },
];

/**
 * Gives about a third of the demo contacts one to three calls, meetings, notes or emails from the
 * last 60 days, so the card has suggestions to show. Its own random sequence: the rest of the demo
 * data stays as it was.
 */
export function seedActivities(portal: Portal, contacts: readonly string[], now: number, seed = 1): number {
  const random = createRandom(seed + 7919);
  let created = 0;
  for (const contactId of contacts) {
    if (random() > 0.35) continue;
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const template = ACTIVITIES[Math.floor(random() * ACTIVITIES.length)]!;
      const when = new Date(now - Math.floor(random() * 60) * DAY - Math.floor(random() * DAY)).toISOString();
      const activity = portal.createRecord(template.type, { ...template.properties, hs_timestamp: when });
      portal.associate('contacts', contactId, template.type, activity.id);
      created += 1;
    }
  }
  return created;
}
