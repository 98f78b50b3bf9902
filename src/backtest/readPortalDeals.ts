import { MEMBER_PROPERTIES } from '../committee';
import type { CommitteeMember } from '../committee';
import { propertiesRead } from '../engine';
import type { Model, RawProperties } from '../engine';
import type { CrmClient, CrmRecordWithHistory } from '../crm';
import type { BacktestInput } from './runBacktest';
import type { BacktestDeal } from './types';

const CLOSED = new Set(['closedwon', 'closedlost']);
const OUTCOME_PROPERTIES = ['hs_is_closed', 'hs_is_closed_won', 'dealstage', 'dealname', 'closedate', 'createdate'];

/**
 * The portal's closed deals for a backtest by deal, each with its buying committee as it was known
 * just before the deal closed: the deal's and its contacts' properties are taken from their
 * property history at that moment (the current value where HubSpot keeps no history), and contacts
 * created after it are left out. HubSpot keeps no history of associations, so the committee is the
 * deal's contacts today, minus those that did not exist yet. Won when the deal is closed won.
 * Reads deals a page at a time (100), their history and their contacts' in batches of 50.
 */
export async function readPortalDeals(
  crm: Pick<CrmClient, 'listRecords' | 'readWithHistory' | 'dealContacts'>,
  models: readonly Model[],
  name: string,
  options: { onPage?: (dealsRead: number, closed: number) => void } = {},
): Promise<BacktestInput<BacktestDeal>> {
  const reads = models.map((model) => propertiesRead(model));
  const dealProperties = unique([...reads.flatMap((read) => read.deal), ...OUTCOME_PROPERTIES]);
  const contactProperties = unique([...reads.flatMap((read) => read.contact), ...MEMBER_PROPERTIES, 'createdate']);
  const contactHistory = unique(reads.flatMap((read) => read.contact));
  const leads: BacktestDeal[] = [];
  let after: string | undefined;
  let read = 0;
  do {
    const page = await crm.listRecords('deals', { limit: 100, properties: ['dealstage', 'hs_is_closed'], ...(after ? { after } : {}) });
    after = page.after;
    read += page.results.length;
    const closedIds = page.results.filter((deal) => isClosed(deal.properties)).map((deal) => deal.id);
    if (closedIds.length > 0) {
      const [deals, membersByDeal] = await Promise.all([crm.readWithHistory('deals', closedIds, dealProperties, dealProperties), crm.dealContacts(closedIds)]);
      const memberIds = unique([...membersByDeal.values()].flat());
      const contacts = memberIds.length > 0 ? await crm.readWithHistory('contacts', memberIds, contactProperties, contactHistory) : new Map<string, CrmRecordWithHistory>();
      for (const id of closedIds) {
        const deal = deals.get(id);
        if (!deal) continue;
        const closedAt = closingTime(deal);
        const members: CommitteeMember[] = (membersByDeal.get(id) ?? []).flatMap((contactId) => {
          const contact = contacts.get(contactId);
          if (!contact || createdAfter(contact.properties, closedAt)) return [];
          return [{ id: contactId, contact: asOf(contact, closedAt) }];
        });
        const properties = { ...asOf(deal, closedAt), hs_is_closed: 'false' };
        leads.push({
          row: leads.length + 1,
          id,
          won: deal.properties.hs_is_closed_won === 'true' || deal.properties.dealstage === 'closedwon',
          committee: { object: 'deal', id, deals: [{ id, properties }], members },
          asOf: closedAt,
        });
      }
    }
    options.onPage?.(read, leads.length);
  } while (after);
  return { source: 'portal', name, rows: leads.length, outcomeColumn: null, leads, badRows: [] };
}

function isClosed(deal: RawProperties): boolean {
  return deal.hs_is_closed === 'true' || CLOSED.has(deal.dealstage ?? '');
}

/**
 * When the deal closed: the time its stage last moved into closed won or lost (from the stage's
 * history), else its close date, else its last change. The committee is scored a millisecond before.
 */
function closingTime(deal: CrmRecordWithHistory): Date {
  const stages = deal.history.dealstage ?? [];
  for (let i = 0; i < stages.length; i++) {
    const version = stages[i]!;
    const previous = stages[i + 1];
    if (CLOSED.has(version.value) && (!previous || !CLOSED.has(previous.value))) return new Date(Date.parse(version.timestamp) - 1);
  }
  const fallback = Date.parse(deal.properties.closedate ?? '');
  return new Date(Number.isNaN(fallback) ? Date.now() : fallback);
}

/** A record's properties as they were at `time`: each property's newest version not after it, or today's value without history. */
function asOf(record: CrmRecordWithHistory, time: Date): RawProperties {
  const values: RawProperties = { ...record.properties };
  for (const [name, versions] of Object.entries(record.history)) {
    if (versions.length === 0) continue;
    const then = versions.find((version) => Date.parse(version.timestamp) <= time.getTime());
    values[name] = then ? then.value : null;
  }
  return values;
}

function createdAfter(properties: RawProperties, time: Date): boolean {
  const created = Date.parse(properties.createdate ?? '');
  return !Number.isNaN(created) && created > time.getTime();
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
