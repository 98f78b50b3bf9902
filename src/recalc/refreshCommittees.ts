import { committeeDerivedProperties, rollupCommittee } from '../committee';
import type { CommitteeObject, CommitteeResult } from '../committee';
import { derivedPropertiesChanged, propertiesRead } from '../engine';
import type { Model } from '../engine';
import { readCommittees } from './readCommittees';
import type { CommitteeReader, CommitteeRecord } from './readCommittees';
import type { ContactWriteFailure, RecalcCrm } from './RecalcCrm';

/** What rolling up committees needs from the CRM adapter (src/crm), besides recalculation's calls. */
export interface CommitteeCrm extends CommitteeReader, Pick<RecalcCrm, 'contactDeals' | 'contactCompanies'> {
  updateRecords(type: 'deals' | 'companies', updates: Array<{ id: string; properties: Record<string, string> }>): Promise<{ written: string[]; failed: ContactWriteFailure[] }>;
}

export interface CommitteeOutcome {
  object: CommitteeObject;
  id: string;
  status: 'written' | 'unchanged' | 'missing' | 'failed';
  /** Derived properties that changed: name → [stored, new]. */
  changes: Record<string, [string | null, string]>;
  before: { score: string | null; grade: string | null };
  result: CommitteeResult | null;
  error?: ContactWriteFailure;
}

/** Where committees start: deals and companies, or contacts whose deals and companies roll up. */
export interface CommitteeTargets {
  dealIds: string[];
  companyIds: string[];
  contactIds: string[];
}

/**
 * Rolls up the buying committees of deals and companies (as the model opts in) and writes the
 * derived properties of those whose values changed, one batch update per 100 deals or companies.
 * A contact's deals and companies, and a deal's companies, are found through their associations.
 * Every read is a batch, so the calls grow with the records touched ÷ 100, not with events.
 */
export async function refreshCommittees(crm: CommitteeCrm, model: Model, targets: CommitteeTargets, now: Date): Promise<CommitteeOutcome[]> {
  const rollsDeals = model.committee?.deals === true;
  const rollsCompanies = model.committee?.companies === true;
  if (!rollsDeals && !rollsCompanies) return [];
  const read = propertiesRead(model);
  const readsCompany = read.company.length > 0;
  const none = Promise.resolve(new Map<string, string[]>());
  const hintedDeals = unique(targets.dealIds);
  const contactIds = unique(targets.contactIds);

  // Which deals and companies: those named, the contacts' ones, and the named deals' companies.
  const [dealsOfContacts, companiesOfContacts, companiesOfHintedDeals] = await Promise.all([
    rollsDeals && contactIds.length > 0 ? crm.contactDeals(contactIds) : none,
    rollsCompanies && contactIds.length > 0 ? crm.contactCompanies(contactIds) : none,
    (rollsCompanies || (rollsDeals && readsCompany)) && hintedDeals.length > 0 ? crm.dealCompanies(hintedDeals) : none,
  ]);
  const dealIds = rollsDeals ? unique([...hintedDeals, ...flat(dealsOfContacts)]) : [];
  const companyIds = rollsCompanies ? unique([...targets.companyIds, ...flat(companiesOfContacts), ...flat(companiesOfHintedDeals)]) : [];
  if (dealIds.length === 0 && companyIds.length === 0) return [];

  const records = await readCommittees(crm, model, { dealIds, companyIds, dealCompanies: companiesOfHintedDeals });
  const outcomes: CommitteeOutcome[] = [];
  const updates = { deals: [] as Array<{ id: string; properties: Record<string, string> }>, companies: [] as Array<{ id: string; properties: Record<string, string> }> };
  for (const record of records) {
    const { properties, ...outcome } = rollupRecord(model, record, now);
    outcomes.push(outcome);
    if (outcome.status === 'written') updates[record.object === 'deal' ? 'deals' : 'companies'].push({ id: record.id, properties });
  }

  for (const type of ['deals', 'companies'] as const) {
    if (updates[type].length === 0) continue;
    const { written, failed } = await crm.updateRecords(type, updates[type]);
    const object: CommitteeObject = type === 'deals' ? 'deal' : 'company';
    const confirmed = new Set(written);
    const refused = new Map(failed.map((failure) => [failure.id, failure]));
    for (const { id } of updates[type]) {
      const outcome = outcomes.find((o) => o.object === object && o.id === id);
      if (!outcome || (confirmed.has(id) && !refused.has(id))) continue;
      const failure = refused.get(id) ?? { id, code: 'UNCONFIRMED', message: `${type}.batch.update: HubSpot's response did not confirm ${object} ${id} as written`, retryable: true };
      // A record deleted between read and write is gone, not failed.
      outcome.status = failure.code === 'NOT_FOUND' ? 'missing' : 'failed';
      outcome.error = failure;
    }
  }
  return outcomes;
}

/**
 * A committee rolled up, and what would change if it were written: `written` when a derived value
 * differs from the stored one (the status it keeps once HubSpot confirms the write), `missing` for
 * a record that does not exist.
 */
export function rollupRecord(model: Model, record: CommitteeRecord, now: Date): CommitteeOutcome & { properties: Record<string, string> } {
  const { object, id, stored, input } = record;
  if (!stored || !input) return { object, id, status: 'missing', changes: {}, before: { score: null, grade: null }, result: null, properties: {} };
  const result = rollupCommittee(model, input, now);
  const next = committeeDerivedProperties(model, result, now);
  const changed = derivedPropertiesChanged(stored, next);
  const changes = Object.fromEntries(changed.map((name) => [name, [stored[name] ?? null, next[name]!]])) as CommitteeOutcome['changes'];
  return { object, id, status: changed.length > 0 ? 'written' : 'unchanged', changes, before: { score: stored.bant_score ?? null, grade: stored.bant_grade ?? null }, result, properties: next };
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function flat(map: Map<string, string[]>): string[] {
  return [...map.values()].flat();
}
