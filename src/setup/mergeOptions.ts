import type { CrmPropertyOption } from '../crm/types';
import type { ExpectedOption } from './propertyShape';

/**
 * The options list to send when adding the model's missing options to an existing enumeration:
 * HubSpot's options exactly as they are (labels, order, hidden), then each model option HubSpot
 * lacks, with the model's label, in model order, ordered after every existing one. HubSpot's
 * property update replaces the whole list, so nothing existing may be left out.
 * @example mergeOptions([{ value: 'a', label: 'A', displayOrder: 0, hidden: false }], [{ value: 'a', label: 'x' }, { value: 'b', label: 'B' }]).map((o) => o.value) // ['a', 'b']
 */
export function mergeOptions(existing: readonly CrmPropertyOption[], expected: readonly ExpectedOption[]): CrmPropertyOption[] {
  const offered = new Set(existing.map((o) => o.value));
  const missing = expected.filter((o, index) => !offered.has(o.value) && expected.findIndex((e) => e.value === o.value) === index);
  const last = Math.max(existing.length - 1, ...existing.map((o) => o.displayOrder ?? -1));
  return [
    ...existing.map((o) => ({ ...o, hidden: o.hidden ?? false })),
    ...missing.map((o, index) => ({ label: o.label, value: o.value, displayOrder: last + 1 + index, hidden: false })),
  ];
}
