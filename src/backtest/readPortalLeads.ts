import { OVERRIDE_PROPERTIES, propertiesRead } from '../engine';
import type { DealRecord, Model, RawProperties } from '../engine';
import type { CrmClient, CrmProperties } from '../crm';
import type { BacktestInput } from './runBacktest';
import type { BacktestLead } from './types';

/** Deal properties that tell a closed deal and whether it was won. */
const OUTCOME_PROPERTIES = ['hs_is_closed', 'hs_is_closed_won', 'dealstage'];

/**
 * The portal's closed leads for a backtest: every contact with at least one closed deal, won when
 * any of its deals is closed won, lost when all of its closed deals are lost. Contacts without a
 * closed deal have no outcome yet and are left out. Reads contacts a page at a time (100), then
 * their deals in batches, through the CRM adapter (its limiter and retries apply). Stops between
 * pages once `signal` aborts (rejecting with its reason). `maxContacts` bounds a sample: no page
 * is read once that many contacts were.
 */
export async function readPortalLeads(
  crm: CrmClient,
  models: readonly Model[],
  name: string,
  options: { extraContactProperties?: string[]; onPage?: (contactsRead: number, leads: number) => void; signal?: AbortSignal; maxContacts?: number } = {},
): Promise<BacktestInput> {
  // The verdict set by hand is read whatever the model allows: the backtest reports overridden leads apart.
  const contactProperties = [...new Set([...models.flatMap((model) => propertiesRead(model).contact), ...OVERRIDE_PROPERTIES, ...(options.extraContactProperties ?? [])])];
  const dealProperties = [...new Set([...models.flatMap((model) => propertiesRead(model).deal), ...OUTCOME_PROPERTIES])];
  const leads: BacktestLead[] = [];
  let after: string | undefined;
  let read = 0;
  do {
    options.signal?.throwIfAborted();
    const page = await crm.listContacts({ limit: 100, properties: contactProperties, ...(after ? { after } : {}) });
    after = page.after;
    read += page.results.length;
    if (page.results.length === 0) continue;
    const dealIdsByContact = await crm.contactDeals(page.results.map((contact) => contact.id));
    const dealIds = [...new Set([...dealIdsByContact.values()].flat())];
    const deals = dealIds.length > 0 ? await crm.readDeals(dealIds, dealProperties) : new Map<string, CrmProperties>();
    for (const contact of page.results) {
      const records: DealRecord[] = (dealIdsByContact.get(contact.id) ?? []).flatMap((id) => {
        const properties = deals.get(id);
        return properties ? [{ id, properties }] : [];
      });
      const closed = records.filter((deal) => isClosed(deal.properties));
      if (closed.length === 0) continue;
      leads.push({
        row: leads.length + 1,
        id: contact.id,
        won: closed.some((deal) => isWon(deal.properties)),
        lead: { contact: contact.properties, deals: records },
      });
    }
    options.onPage?.(read, leads.length);
  } while (after && read < (options.maxContacts ?? Infinity));
  return { source: 'portal', name, rows: leads.length, outcomeColumn: null, leads, badRows: [] };
}

function isClosed(deal: RawProperties): boolean {
  return deal.hs_is_closed === 'true' || deal.dealstage === 'closedwon' || deal.dealstage === 'closedlost';
}

function isWon(deal: RawProperties): boolean {
  return deal.hs_is_closed_won === 'true' || deal.dealstage === 'closedwon';
}
