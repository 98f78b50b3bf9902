/**
 * HubSpot's activity objects as the local portal serves them: calls (0-48), meetings (0-47), notes
 * (0-46) and emails (0-49), with the properties that hold their text (HTML, as HubSpot stores it) and time.
 */
import type { PropertyGroup, PropertyInput } from './types';

export type ActivityType = 'calls' | 'meetings' | 'notes' | 'emails';
export const ACTIVITY_TYPES: readonly ActivityType[] = ['calls', 'meetings', 'notes', 'emails'];

export const ACTIVITY_ALIASES: Record<string, ActivityType> = {
  calls: 'calls', call: 'calls', '0-48': 'calls',
  meetings: 'meetings', meeting: 'meetings', '0-47': 'meetings',
  notes: 'notes', note: 'notes', '0-46': 'notes',
  emails: 'emails', email: 'emails', '0-49': 'emails',
};

/** HubSpot's association type ids between contacts and activities (HUBSPOT_DEFINED). */
export const ACTIVITY_ASSOCIATION_TYPES: Record<string, { typeId: number }> = {
  'contacts:calls': { typeId: 193 }, 'calls:contacts': { typeId: 194 },
  'contacts:emails': { typeId: 197 }, 'emails:contacts': { typeId: 198 },
  'contacts:meetings': { typeId: 199 }, 'meetings:contacts': { typeId: 200 },
  'contacts:notes': { typeId: 201 }, 'notes:contacts': { typeId: 202 },
};

const text = (name: string, label: string, group: string): PropertyInput => ({ name, label, type: 'string', fieldType: 'html', groupName: group, hubspotDefined: true });
const time = (name: string, label: string, group: string): PropertyInput => ({ name, label, type: 'datetime', fieldType: 'date', groupName: group, hubspotDefined: true });
const common = (group: string): PropertyInput[] => [
  time('hs_timestamp', 'Activity date', group),
  time('hs_createdate', 'Create date', group),
  { ...time('hs_lastmodifieddate', 'Last modified date', group), readOnlyValue: true },
  { name: 'hubspot_owner_id', label: 'Activity assigned to', type: 'enumeration', fieldType: 'select', groupName: group, hubspotDefined: true },
];

export const ACTIVITY_PROPERTIES: Record<ActivityType, PropertyInput[]> = {
  calls: [...common('callinformation'), text('hs_call_title', 'Call title', 'callinformation'), text('hs_call_body', 'Call notes', 'callinformation'),
    { name: 'hs_call_direction', label: 'Call direction', type: 'enumeration', fieldType: 'select', groupName: 'callinformation', hubspotDefined: true, options: [{ label: 'Inbound', value: 'INBOUND' }, { label: 'Outbound', value: 'OUTBOUND' }] },
    { name: 'hs_call_duration', label: 'Call duration', type: 'number', fieldType: 'number', groupName: 'callinformation', hubspotDefined: true },
    // Which property links a call to its transcript is not documented; these names are UNCONFIRMED.
    { name: 'hs_call_has_transcript', label: 'Has transcript', type: 'bool', fieldType: 'booleancheckbox', groupName: 'callinformation', hubspotDefined: true, options: [{ label: 'Yes', value: 'true' }, { label: 'No', value: 'false' }] },
    { name: 'hs_call_transcription_id', label: 'Transcription id', type: 'string', fieldType: 'text', groupName: 'callinformation', hubspotDefined: true }],
  meetings: [...common('meetinginformation'), text('hs_meeting_title', 'Meeting name', 'meetinginformation'), text('hs_meeting_body', 'Meeting description', 'meetinginformation'),
    text('hs_internal_meeting_notes', 'Internal meeting notes', 'meetinginformation'), time('hs_meeting_start_time', 'Start time', 'meetinginformation'), time('hs_meeting_end_time', 'End time', 'meetinginformation')],
  notes: [...common('noteinformation'), text('hs_note_body', 'Note body', 'noteinformation')],
  emails: [...common('emailinformation'), text('hs_email_subject', 'Email subject', 'emailinformation'), text('hs_email_text', 'Email text', 'emailinformation'), text('hs_email_html', 'Email HTML', 'emailinformation'),
    { name: 'hs_email_direction', label: 'Email direction', type: 'enumeration', fieldType: 'select', groupName: 'emailinformation', hubspotDefined: true, options: [{ label: 'Sent', value: 'EMAIL' }, { label: 'Received', value: 'INCOMING_EMAIL' }] }],
};

export const ACTIVITY_GROUPS: Record<ActivityType, PropertyGroup[]> = {
  calls: [{ name: 'callinformation', label: 'Call information', displayOrder: -1, archived: false }],
  meetings: [{ name: 'meetinginformation', label: 'Meeting information', displayOrder: -1, archived: false }],
  notes: [{ name: 'noteinformation', label: 'Note information', displayOrder: -1, archived: false }],
  emails: [{ name: 'emailinformation', label: 'Email information', displayOrder: -1, archived: false }],
};

export const ACTIVITY_READ_PROPERTIES: Record<ActivityType, string[]> = {
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};
