import type { ObjectType, PropertyGroup, PropertyInput } from './types';
import { ACTIVITY_GROUPS, ACTIVITY_PROPERTIES, ACTIVITY_READ_PROPERTIES } from './activityObjects';

/** HubSpot's default lead pipeline and its stages, by internal id (Leads, object 0-136). */
export const LEAD_PIPELINE = 'lead-pipeline-id';
export const LEAD_STAGES: ReadonlyArray<readonly [label: string, id: string]> = [
  ['New', 'new-stage-id'], ['Attempting', 'attempting-stage-id'], ['Connected', 'connected-stage-id'],
  ['Qualified', 'qualified-stage-id'], ['Unqualified', 'unqualified-stage-id'],
];

/** The properties a fresh HubSpot account has that this app reads (a small subset of HubSpot's hundreds). */
export const DEFAULT_PROPERTIES: Record<ObjectType, PropertyInput[]> = {
  contacts: [
    builtIn('hs_object_id', 'Record ID', 'number', 'number', 'contactinformation', { readOnlyValue: true }),
    builtIn('createdate', 'Create Date', 'datetime', 'date', 'contactinformation'),
    builtIn('lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'contactinformation', { readOnlyValue: true }),
    builtIn('email', 'Email', 'string', 'text', 'contactinformation'),
    builtIn('firstname', 'First Name', 'string', 'text', 'contactinformation'),
    builtIn('lastname', 'Last Name', 'string', 'text', 'contactinformation'),
    builtIn('jobtitle', 'Job Title', 'string', 'text', 'contactinformation'),
    builtIn('company', 'Company Name', 'string', 'text', 'contactinformation'),
    builtIn('phone', 'Phone Number', 'string', 'phonenumber', 'contactinformation'),
    builtIn('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'contactinformation', {
      options: ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other']
        .map((value, displayOrder) => ({ label: value, value, displayOrder })),
    }),
  ],
  deals: [
    builtIn('hs_object_id', 'Record ID', 'number', 'number', 'dealinformation', { readOnlyValue: true }),
    builtIn('createdate', 'Create Date', 'datetime', 'date', 'dealinformation'),
    builtIn('hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'dealinformation', { readOnlyValue: true }),
    builtIn('dealname', 'Deal Name', 'string', 'text', 'dealinformation'),
    builtIn('amount', 'Amount', 'number', 'number', 'dealinformation'),
    // In a portal with several currencies each deal's amount is in its own currency (ISO 4217).
    builtIn('deal_currency_code', 'Currency', 'enumeration', 'select', 'dealinformation', {
      options: ['USD', 'EUR', 'GBP', 'NOK', 'SEK', 'DKK', 'AED', 'SAR'].map((code, displayOrder) => ({ label: code, value: code, displayOrder })),
    }),
    builtIn('closedate', 'Close Date', 'datetime', 'date', 'dealinformation'),
    builtIn('pipeline', 'Pipeline', 'enumeration', 'select', 'dealinformation', {
      options: [{ label: 'Sales Pipeline', value: 'default', displayOrder: 0 }],
    }),
    builtIn('dealstage', 'Deal Stage', 'enumeration', 'radio', 'dealinformation', {
      options: [
        ['Appointment Scheduled', 'appointmentscheduled'], ['Qualified To Buy', 'qualifiedtobuy'],
        ['Presentation Scheduled', 'presentationscheduled'], ['Decision Maker Bought-In', 'decisionmakerboughtin'],
        ['Contract Sent', 'contractsent'], ['Closed Won', 'closedwon'], ['Closed Lost', 'closedlost'],
      ].map(([label, value], displayOrder) => ({ label: label as string, value: value as string, displayOrder })),
    }),
    builtIn('hs_is_closed', 'Is Deal Closed?', 'bool', 'booleancheckbox', 'dealinformation', { readOnlyValue: true, calculated: true, options: BOOL_OPTIONS() }),
    builtIn('hs_is_closed_won', 'Is Closed Won', 'bool', 'booleancheckbox', 'dealinformation', { readOnlyValue: true, calculated: true, options: BOOL_OPTIONS() }),
  ],
  companies: [
    builtIn('hs_object_id', 'Record ID', 'number', 'number', 'companyinformation', { readOnlyValue: true }),
    builtIn('createdate', 'Create Date', 'datetime', 'date', 'companyinformation'),
    builtIn('hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'companyinformation', { readOnlyValue: true }),
    builtIn('name', 'Company name', 'string', 'text', 'companyinformation'),
    builtIn('domain', 'Company Domain Name', 'string', 'text', 'companyinformation'),
    builtIn('industry', 'Industry', 'string', 'text', 'companyinformation'),
    builtIn('numberofemployees', 'Number of Employees', 'number', 'number', 'companyinformation'),
    builtIn('annualrevenue', 'Annual Revenue', 'number', 'number', 'companyinformation'),
  ],
  leads: [
    builtIn('hs_object_id', 'Record ID', 'number', 'number', 'leadinformation', { readOnlyValue: true }),
    builtIn('createdate', 'Create Date', 'datetime', 'date', 'leadinformation'),
    builtIn('hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'leadinformation', { readOnlyValue: true }),
    builtIn('hs_lead_name', 'Lead name', 'string', 'text', 'leadinformation'),
    builtIn('hs_pipeline', 'Pipeline', 'enumeration', 'select', 'leadinformation', {
      options: [{ label: 'Lead pipeline', value: LEAD_PIPELINE, displayOrder: 0 }],
    }),
    builtIn('hs_pipeline_stage', 'Lead stage', 'enumeration', 'select', 'leadinformation', {
      options: LEAD_STAGES.map(([label, value], displayOrder) => ({ label, value, displayOrder })),
    }),
  ],
  ...ACTIVITY_PROPERTIES,
};

export const DEFAULT_GROUPS: Record<ObjectType, PropertyGroup[]> = {
  contacts: [{ name: 'contactinformation', label: 'Contact information', displayOrder: -1, archived: false }],
  deals: [{ name: 'dealinformation', label: 'Deal information', displayOrder: -1, archived: false }],
  companies: [{ name: 'companyinformation', label: 'Company information', displayOrder: -1, archived: false }],
  leads: [{ name: 'leadinformation', label: 'Lead information', displayOrder: -1, archived: false }],
  ...ACTIVITY_GROUPS,
};

/** What HubSpot returns when a read names no properties. */
export const DEFAULT_READ_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  leads: ['createdate', 'hs_lastmodifieddate', 'hs_lead_name', 'hs_object_id', 'hs_pipeline', 'hs_pipeline_stage'],
  ...ACTIVITY_READ_PROPERTIES,
};

/** The property HubSpot keeps as "last modified" for each object type. */
export const LAST_MODIFIED_PROPERTY: Record<ObjectType, string> = {
  contacts: 'lastmodifieddate',
  deals: 'hs_lastmodifieddate',
  companies: 'hs_lastmodifieddate',
  leads: 'hs_lastmodifieddate',
  calls: 'hs_lastmodifieddate', meetings: 'hs_lastmodifieddate', notes: 'hs_lastmodifieddate', emails: 'hs_lastmodifieddate',
};

function BOOL_OPTIONS() {
  return [{ label: 'True', value: 'true', displayOrder: 0 }, { label: 'False', value: 'false', displayOrder: 1 }];
}

function builtIn(
  name: string, label: string, type: PropertyInput['type'], fieldType: string, groupName: string,
  extra: Partial<PropertyInput> = {},
): PropertyInput {
  return { name, label, type, fieldType, groupName, hubspotDefined: true, ...extra };
}
