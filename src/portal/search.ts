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

/**
 * HubSpot's rule: a record matches when every filter of at least one group matches (no groups: all
 * match). Compiled once per search, each filter's value converted once rather than once per record.
 */
export function compileFilterGroups(
  filterGroups: Array<{ filters: SearchFilter[] }>,
  definitions: Map<string, PropertyDefinition>,
): (record: StoredRecord) => boolean {
  if (filterGroups.length === 0) return () => true;
  const groups = filterGroups.map((group) => group.filters.map((filter) => compileFilter(filter, definitions.get(filter.propertyName))));
  return (record) => groups.some((filters) => filters.every((matches) => matches(record)));
}

function compileFilter(filter: SearchFilter, definition: PropertyDefinition | undefined): (record: StoredRecord) => boolean {
  const name = filter.propertyName;
  const against = (expected: string | number | boolean | undefined) => comparer(String(expected ?? ''), definition);
  const each = (filter.values ?? []).map(against);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return (record) => record.properties.get(name) !== undefined;
    case 'NOT_HAS_PROPERTY':
      return (record) => record.properties.get(name) === undefined;
    case 'NEQ': {
      const compareTo = against(filter.value);
      return (record) => {
        const actual = record.properties.get(name);
        return actual === undefined || compareTo(actual) !== 0;
      };
    }
    case 'NOT_IN':
      return (record) => {
        const actual = record.properties.get(name);
        return actual === undefined || !each.some((compareTo) => compareTo(actual) === 0);
      };
    default:
      break;
  }
  const compareTo = against(filter.value);
  const test: (actual: string) => boolean = (() => {
    switch (filter.operator) {
      case 'EQ':
        return (actual: string) => compareTo(actual) === 0;
      case 'LT':
        return (actual: string) => compareTo(actual) < 0;
      case 'LTE':
        return (actual: string) => compareTo(actual) <= 0;
      case 'GT':
        return (actual: string) => compareTo(actual) > 0;
      case 'GTE':
        return (actual: string) => compareTo(actual) >= 0;
      case 'BETWEEN': {
        const compareToHigh = against(filter.highValue);
        return (actual: string) => compareTo(actual) >= 0 && compareToHigh(actual) <= 0;
      }
      case 'IN':
        return (actual: string) => each.some((compareToOne) => compareToOne(actual) === 0);
    }
  })();
  return (record) => {
    const actual = record.properties.get(name);
    return actual !== undefined && test(actual);
  };
}

/**
 * How a value compares with `expected`: numbers as numbers, dates as instants (HubSpot filters dates
 * with epoch milliseconds), text case-insensitively; `expected` converted once.
 */
function comparer(expected: string, definition: PropertyDefinition | undefined): (actual: string) => number {
  const type = definition?.type;
  if (type === 'number') {
    const value = Number(expected);
    return (actual) => Number(actual) - value;
  }
  if (type === 'datetime' || type === 'date') {
    const value = toInstant(expected);
    return (actual) => toInstant(actual) - value;
  }
  const value = expected.toLowerCase();
  return (actual) => actual.toLowerCase().localeCompare(value);
}

/**
 * The records in HubSpot's order for `sorts` (records without a value last whichever the
 * direction), then by id: each record's sort values are read and converted once.
 */
export function sortRecords(records: StoredRecord[], sorts: SearchSort[], definitions: Map<string, PropertyDefinition>): StoredRecord[] {
  const types = sorts.map((sort) => definitions.get(sort.propertyName)?.type);
  const keyed = records.map((record) => ({
    record,
    id: Number(record.id),
    keys: sorts.map((sort, i) => sortKey(record.properties.get(sort.propertyName), types[i])),
  }));
  keyed.sort((a, b) => {
    for (const [i, sort] of sorts.entries()) {
      const left = a.keys[i];
      const right = b.keys[i];
      if (left === undefined || right === undefined) {
        if (left !== right) return left === undefined ? 1 : -1;
        continue;
      }
      const order = typeof left === 'number' ? left - (right as number) : left.localeCompare(right as string);
      if (order !== 0) return sort.direction === 'DESCENDING' ? -order : order;
    }
    return a.id - b.id;
  });
  return keyed.map(({ record }) => record);
}

/** What a value sorts as: a number, an instant, or lower-case text (as `comparer` compares it). */
function sortKey(value: string | undefined, type: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  if (type === 'number') return Number(value);
  if (type === 'datetime' || type === 'date') return toInstant(value);
  return value.toLowerCase();
}

function toInstant(value: string): number {
  return /^\d+$/.test(value) ? Number(value) : Date.parse(value);
}
