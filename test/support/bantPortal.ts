import { setupServer } from 'msw/node';
import { createCrmClient } from '../../src/crm';
import type { CrmClient } from '../../src/crm';
import type { Model } from '../../src/engine';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { Portal, PortalOptions } from '../../src/portal';
import { propertySpecs } from '../../src/setup/propertySpecs';

export const BASE_URL = 'https://api.hubapi.com';

/** Gives a portal the property group and every contact property the app owns for a model, as `bant setup` would. */
export function defineBantProperties(portal: Portal, model: Model): void {
  if (!portal.store.groups.contacts.has(model.propertyGroup.name)) portal.defineGroup('contacts', model.propertyGroup);
  for (const { definition } of propertySpecs(model)) {
    if (!portal.store.properties.contacts.has(definition.name)) portal.defineProperty('contacts', definition);
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
