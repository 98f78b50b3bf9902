import { ACTIVITY_ALIASES, ACTIVITY_TYPES } from './activityObjects';
import type { ActivityType } from './activityObjects';

/** `leads` is HubSpot's Leads object (0-136), in Sales Hub Professional and Enterprise; activities are calls, meetings, notes, emails. */
export type ObjectType = 'contacts' | 'deals' | 'companies' | 'leads' | ActivityType;

export const OBJECT_TYPES: readonly ObjectType[] = ['contacts', 'deals', 'companies', 'leads', ...ACTIVITY_TYPES];

/** HubSpot accepts the plural name, the singular name and the type id in paths. */
const OBJECT_TYPE_ALIASES: Record<string, ObjectType> = {
  contacts: 'contacts', contact: 'contacts', '0-1': 'contacts',
  companies: 'companies', company: 'companies', '0-2': 'companies',
  deals: 'deals', deal: 'deals', '0-3': 'deals',
  leads: 'leads', lead: 'leads', '0-136': 'leads',
  ...ACTIVITY_ALIASES,
};

export function toObjectType(name: string): ObjectType | undefined {
  return OBJECT_TYPE_ALIASES[name.toLowerCase()];
}

/** A custom object's type id as HubSpot assigns it when the schema is created: `2-<n>`. */
export type CustomObjectType = `2-${number}`;

/** Any object type the portal stores: a standard one, or a custom object's type id. */
export type AnyObjectType = ObjectType | CustomObjectType;

export function isCustomObjectType(type: string): type is CustomObjectType {
  return /^2-\d+$/.test(type);
}

/** A value per object type: the standard types always, custom object types once their schema exists. */
export type PerObjectType<T> = Record<ObjectType, T> & { [type: CustomObjectType]: T };

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

/** A property definition as HubSpot's properties API returns it. */
export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  description: string;
  groupName: string;
  options: PropertyOption[];
  displayOrder: number;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  hubspotDefined?: boolean;
  formField: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean; readOnlyOptions?: boolean };
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** What a caller gives to define a property; the rest is filled the way HubSpot fills it. */
export interface PropertyInput {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description?: string;
  options?: Array<{ label: string; value: string; displayOrder?: number; hidden?: boolean; description?: string }>;
  displayOrder?: number;
  hasUniqueValue?: boolean;
  hidden?: boolean;
  formField?: boolean;
  /** Built-in HubSpot properties only. */
  hubspotDefined?: boolean;
  readOnlyValue?: boolean;
  calculated?: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

/** A custom object's definition as the schemas API keeps it (its properties live with the other objects' properties). */
export interface StoredSchema {
  id: string;
  objectTypeId: CustomObjectType;
  name: string;
  fullyQualifiedName: string;
  labels: { singular: string; plural: string };
  description?: string;
  primaryDisplayProperty?: string;
  secondaryDisplayProperties: string[];
  requiredProperties: string[];
  searchableProperties: string[];
  associatedObjects: string[];
  createdAt: string;
  updatedAt: string;
}

/** A user of the account, as HubSpot's user provisioning API (`/settings/v3/users`) returns it. */
export interface PortalUser {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  roleIds: string[];
  primaryTeamId?: string;
  secondaryTeamIds?: string[];
  superAdmin: boolean;
}

/** Who or what wrote a value, as HubSpot records it in a property's history. */
export interface WriteSource {
  /** e.g. `CRM_UI` (the record page), `INTEGRATION` (an app's token), `IMPORT`, `AUTOMATION_PLATFORM` (workflows), `CALCULATED`. */
  sourceType: string;
  /** `userId:123` for the record page, the app id for an integration, the import id for an import. */
  sourceId?: string;
  sourceLabel?: string;
  updatedByUserId?: number;
}

/** One version of a property, in HubSpot's `propertiesWithHistory` shape. */
export interface PropertyHistoryEntry extends WriteSource {
  value: string;
  timestamp: string;
}

export interface StoredRecord {
  id: string;
  properties: Map<string, string>;
  history: Map<string, PropertyHistoryEntry[]>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

/** A property value as callers write it; HubSpot stores every value as a string. */
export type PropertyValueInput = string | number | boolean | null;
