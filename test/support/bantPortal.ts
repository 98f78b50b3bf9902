import { setupServer } from 'msw/node';
import { derivedPropertyNames } from '../../src/engine';
import type { Model } from '../../src/engine';
import { createCrmClient } from '../../src/crm';
import type { CrmClient } from '../../src/crm';
import { BANT_GROUP, BANT_PROPERTIES, createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { Portal, PortalOptions } from '../../src/portal';

export const BASE_URL = 'https://api.hubapi.com';

/** Defines, directly in the portal's store, the input and derived properties a model needs (what `bant setup` creates). */
export function defineBantProperties(portal: Portal, model: Model): void {
  if (!portal.store.groups.contacts.has(BANT_GROUP.name)) portal.defineGroup('contacts', BANT_GROUP);
  for (const property of BANT_PROPERTIES) if (!portal.store.properties.contacts.has(property.name)) portal.defineProperty('contacts', property);
  const enumeration = (values: string[], fieldType: string) => ({ type: 'enumeration' as const, fieldType, options: values.map((value) => ({ label: value, value })) });
  for (const name of derivedPropertyNames(model)) {
    if (portal.store.properties.contacts.has(name)) continue;
    const shape =
      name === 'bant_qualified' ? { type: 'bool' as const, fieldType: 'booleancheckbox', options: [{ label: 'Yes', value: 'true' }, { label: 'No', value: 'false' }] }
      : name === 'bant_grade' ? enumeration(model.grades.map((g) => g.grade), 'select')
      : name === 'bant_next_action' ? enumeration(model.actions.map((a) => a.key), 'select')
      : name === 'bant_failed_criteria' ? enumeration(model.criteria.map((c) => c.key), 'checkbox')
      : name === 'bant_scored_at' ? { type: 'datetime' as const, fieldType: 'date' }
      : name === 'bant_model_version' ? { type: 'string' as const, fieldType: 'text' }
      : { type: 'number' as const, fieldType: 'number' };
    portal.defineProperty('contacts', { name, label: name, groupName: BANT_GROUP.name, ...shape });
  }
}

/** An in-process portal (msw) with the model's properties, and the real CRM client pointed at it. */
export function bantPortal(model: Model, options: PortalOptions = {}): { portal: Portal; crm: CrmClient; server: ReturnType<typeof setupServer> } {
  const portal = createPortal({ rateLimit: false, ...options });
  defineBantProperties(portal, model);
  const server = setupServer(...portal.handlers(BASE_URL));
  const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: BASE_URL, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 200 } });
  return { portal, crm, server };
}

/** The API calls a test made, as "METHOD path" lines. */
export function callsOf(portal: Portal): string[] {
  return portal.requests.map((r) => `${r.method} ${r.path}`);
}
