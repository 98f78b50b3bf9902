import type { PropertyDefinition, StoredRecord } from './types';

export const FILTER_OPERATORS = [
  'EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface SearchFilter {
  propertyName: string;
  operator: FilterOperator;
  value?: string | number | boolean | undefined;
  highValue?: string | number | undefined;
  values?: Array<string | number> | undefined;
}

export interface SearchSort {
  propertyName: string;
  direction: 'ASCENDING' | 'DESCENDING';
}

/** HubSpot's rule: a record matches when every filter of at least one group matches (no groups: all match). */
export function matchesFilterGroups(
  record: StoredRecord,
  filterGroups: Array<{ filters: SearchFilter[] }>,
  definitions: Map<string, PropertyDefinition>,
): boolean {
  if (filterGroups.length === 0) return true;
  return filterGroups.some((group) => group.filters.every((filter) => matchesFilter(record, filter, definitions.get(filter.propertyName))));
}

function matchesFilter(record: StoredRecord, filter: SearchFilter, definition: PropertyDefinition | undefined): boolean {
  const actual = record.properties.get(filter.propertyName);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return actual !== undefined;
    case 'NOT_HAS_PROPERTY':
      return actual === undefined;
    case 'NEQ':
      return actual === undefined || compare(actual, String(filter.value ?? ''), definition) !== 0;
    case 'NOT_IN':
      return actual === undefined || !(filter.values ?? []).some((value) => compare(actual, String(value), definition) === 0);
    default:
      break;
  }
  if (actual === undefined) return false;
  const value = String(filter.value ?? '');
  switch (filter.operator) {
    case 'EQ':
      return compare(actual, value, definition) === 0;
    case 'LT':
      return compare(actual, value, definition) < 0;
    case 'LTE':
      return compare(actual, value, definition) <= 0;
    case 'GT':
      return compare(actual, value, definition) > 0;
    case 'GTE':
      return compare(actual, value, definition) >= 0;
    case 'BETWEEN':
      return compare(actual, value, definition) >= 0 && compare(actual, String(filter.highValue ?? ''), definition) <= 0;
    case 'IN':
      return (filter.values ?? []).some((candidate) => compare(actual, String(candidate), definition) === 0);
  }
}

/** Numbers compare as numbers, dates as instants (HubSpot filters dates with epoch milliseconds), text case-insensitively. */
export function compare(actual: string, expected: string, definition: PropertyDefinition | undefined): number {
  const type = definition?.type;
  if (type === 'number') return Number(actual) - Number(expected);
  if (type === 'datetime' || type === 'date') return toInstant(actual) - toInstant(expected);
  return actual.toLowerCase().localeCompare(expected.toLowerCase());
}

export function compareForSort(a: StoredRecord, b: StoredRecord, sorts: SearchSort[], definitions: Map<string, PropertyDefinition>): number {
  for (const sort of sorts) {
    const left = a.properties.get(sort.propertyName);
    const right = b.properties.get(sort.propertyName);
    // HubSpot puts records without a value last whichever the direction.
    if (left === undefined || right === undefined) {
      if (left !== right) return left === undefined ? 1 : -1;
      continue;
    }
    const order = compare(left, right, definitions.get(sort.propertyName));
    if (order !== 0) return sort.direction === 'DESCENDING' ? -order : order;
  }
  return Number(a.id) - Number(b.id);
}

function toInstant(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}
