import type { Model } from '../../src/engine';
import { propertySpecs } from '../../src/setup/propertySpecs';
import type { PortalProperty } from '../../src/setup/types';

/** The contact properties as `bant setup` would leave them: what HubSpot returns after creating each spec. */
export function createdProperties(model: Model): PortalProperty[] {
  return propertySpecs(model).map(({ definition }) => ({
    name: definition.name, label: definition.label, type: definition.type, fieldType: definition.fieldType,
    groupName: definition.groupName, options: (definition.options ?? []).map(({ value, label }) => ({ value, label })),
  }));
}

/** A portal property with only what the checks look at. */
export function property(name: string, type: string, fieldType: string, options: Array<[string, string]> = []): PortalProperty {
  return { name, label: name, type, fieldType, options: options.map(([value, label]) => ({ value, label })) };
}

/** The deal properties every HubSpot account has, as far as the default model reads them. */
export const DEAL_PROPERTIES: PortalProperty[] = [
  property('amount', 'number', 'number'),
  property('closedate', 'datetime', 'date'),
  property('dealname', 'string', 'text'),
];

/** `properties` with `name` replaced (or removed when `replacement` is null). */
export function replace(properties: PortalProperty[], name: string, replacement: PortalProperty | null): PortalProperty[] {
  return properties.flatMap((p) => (p.name === name ? (replacement ? [replacement] : []) : [p]));
}
