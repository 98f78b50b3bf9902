import { setupServer } from 'msw/node';
import { createCrmClient } from '../../src/crm';
import type { CrmClient } from '../../src/crm';
import type { Model } from '../../src/engine';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { Portal, PortalOptions } from '../../src/portal';
import { objectsWritten, specsFor } from '../../src/setup/propertySpecs';

export const BASE_URL = 'https://api.hubapi.com';

const TYPES = { contact: 'contacts', deal: 'deals', company: 'companies' } as const;

/** Gives a portal the property group and every property the app owns for a model (contacts; deals and companies for committees), as `bant setup` would. */
export function defineBantProperties(portal: Portal, model: Model): void {
  for (const object of objectsWritten(model)) {
    const type = TYPES[object];
    if (!portal.store.groups[type].has(model.propertyGroup.name)) portal.defineGroup(type, model.propertyGroup);
    for (const { definition } of specsFor(model, object)) {
      if (!portal.store.properties[type].has(definition.name)) portal.defineProperty(type, definition);
    }
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
