export type CrmObjectType = 'contacts' | 'deals' | 'companies';

/** The objects the app writes: contacts, deals and companies, and HubSpot's Leads (object 0-136). */
export type CrmWritableType = CrmObjectType | 'leads';

/** HubSpot's activity objects (calls 0-48, meetings 0-47, notes 0-46, emails 0-49). */
export type CrmActivityType = 'calls' | 'meetings' | 'notes' | 'emails';

/** A record's properties as HubSpot returns them: strings, null when a requested property has no value. */
export type CrmProperties = Record<string, string | null>;

export interface CrmRecord {
  id: string;
  properties: CrmProperties;
}

/** One version of a property, as HubSpot's `propertiesWithHistory` gives it (newest first). */
export interface CrmPropertyVersion {
  value: string;
  /** ISO 8601. */
  timestamp: string;
  /** e.g. `CRM_UI`, `INTEGRATION`, `IMPORT`, `AUTOMATION_PLATFORM`, `CALCULATED`. */
  sourceType: string;
  sourceId?: string;
  sourceLabel?: string;
  updatedByUserId?: number;
}

export interface CrmRecordWithHistory {
  properties: CrmProperties;
  /** Every requested history property is a key; a property never set has []. */
  history: Record<string, CrmPropertyVersion[]>;
}

/** A user of the account as the owners API lists them (an owner is a user who can own records). */
export interface CrmOwner {
  userId: string;
  ownerId: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

export interface CrmUpdate {
  id: string;
  properties: Record<string, string>;
}

export interface CrmWriteFailure {
  id: string;
  code: string;
  message: string;
  retryable: boolean;
}

export interface CrmWriteResult {
  written: string[];
  failed: CrmWriteFailure[];
}

export type CrmFilterOperator =
  | 'EQ' | 'NEQ' | 'LT' | 'LTE' | 'GT' | 'GTE' | 'BETWEEN' | 'IN' | 'NOT_IN' | 'HAS_PROPERTY' | 'NOT_HAS_PROPERTY';

export interface CrmFilter {
  propertyName: string;
  operator: CrmFilterOperator;
  value?: string;
  highValue?: string;
  values?: string[];
}

export interface CrmSearchRequest {
  filterGroups?: Array<{ filters: CrmFilter[] }>;
  sorts?: Array<{ propertyName: string; direction: 'ASCENDING' | 'DESCENDING' }>;
  properties: string[];
  /** At most 200. */
  limit?: number;
  after?: string;
}

export interface CrmPage {
  results: CrmRecord[];
  /** The cursor of the next page; absent on the last page. */
  after?: string;
}

export interface CrmSearchPage extends CrmPage {
  /** All matches, even past the 10,000 that search can page through. */
  total: number;
}

export interface CrmPropertyOption {
  label: string;
  value: string;
  displayOrder?: number;
  hidden?: boolean;
  description?: string;
}

export type CrmPropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';

export interface CrmPropertyCreate {
  name: string;
  label: string;
  type: CrmPropertyType;
  fieldType: 'text' | 'textarea' | 'number' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox' | 'date' | 'calculation_equation' | 'file';
  groupName: string;
  description?: string;
  options?: CrmPropertyOption[];
  displayOrder?: number;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
}

/**
 * What HubSpot's property update may change. `options` replaces the whole list, so send the
 * existing options with any new ones. Type and field type are left out on purpose: the app never
 * changes them in place.
 */
export type CrmPropertyUpdate = Partial<Pick<CrmPropertyCreate, 'label' | 'groupName' | 'description' | 'options' | 'displayOrder' | 'hidden' | 'formField'>>;

export interface CrmPropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: CrmPropertyOption[];
  hubspotDefined: boolean;
  calculated: boolean;
  readOnlyValue: boolean;
  hidden: boolean;
  archived: boolean;
}

export interface CrmPropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/** A record with some properties' past values, newest first, as HubSpot's property history gives them. */
export interface CrmPipelineStage {
  id: string;
  label: string;
  displayOrder: number;
  metadata: Record<string, string>;
}

export interface CrmPipeline {
  id: string;
  label: string;
  stages: CrmPipelineStage[];
}

/** A custom object's schema: what the app needs to know of HubSpot's ObjectSchema. */
export interface CrmObjectSchema {
  /** `2-<n>`: use it (or `p_<name>`) in record paths. */
  objectTypeId: string;
  name: string;
  fullyQualifiedName: string;
  labels: { singular: string; plural: string };
  requiredProperties: string[];
  /** The schema's own properties (HubSpot's `hs_*` ones are not listed). */
  properties: CrmPropertyDefinition[];
}

/** What `POST /crm-object-schemas/v3/schemas` takes (HubSpot's ObjectSchemaEgg). */
export interface CrmObjectSchemaCreate {
  name: string;
  labels: { singular: string; plural: string };
  description?: string;
  primaryDisplayProperty: string;
  secondaryDisplayProperties?: string[];
  searchableProperties?: string[];
  requiredProperties: string[];
  associatedObjects: string[];
  properties: Array<Omit<CrmPropertyCreate, 'groupName'> & { groupName?: string }>;
}

/** One value a property held, newest first in HubSpot's answers. */
export interface CrmPropertyVersion {
  value: string;
  timestamp: string;
  sourceType: string;
  sourceId?: string;
}

/** A record read one at a time: its properties, the history of those asked for, and when it was created. */
export interface CrmRecordDetail extends CrmRecord {
  createdAt: string;
  updatedAt: string;
  history: Record<string, CrmPropertyVersion[]>;
  /** The ids of associated records by object type, when the read asked for `associations` (a type without any is absent). */
  associations?: Record<string, string[]>;
}

/** A user of the account, from HubSpot's users API. */
export interface CrmUser {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  superAdmin: boolean;
}

/** The account a token belongs to (`GET /account-info/v3/details`). */
export interface CrmAccountInfo {
  /** The HubSpot account id (Hub ID), as a string like record ids. */
  portalId: string;
  accountType: string;
  /** An IANA time zone such as "US/Eastern". */
  timeZone: string;
  /** ISO 4217, e.g. "USD". */
  companyCurrency: string;
  additionalCurrencies: string[];
  utcOffsetMilliseconds: number;
  uiDomain: string;
  dataHostingLocation: string;
}

/** A call's transcript, as HubSpot's calling extensions API returns it (the parts the app reads). */
export interface CrmCallTranscript {
  id: string;
  /** The call (engagement) it belongs to. */
  engagementId: string;
  /** HUBSPOT_GENERATED or INTEGRATOR_GENERATED. */
  transcriptSource: string;
  transcriptUtterances: Array<{ speaker: { id?: string; name: string; email?: string }; text: string; startTimeMillis: number }>;
}
