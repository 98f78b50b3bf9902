import { committeeDerivedProperties, committeePropertyNames, MEMBER_PROPERTIES, rollupCommittee } from '../committee';
import type { CommitteeInput, CommitteeObject, CommitteeResult } from '../committee';
import { derivedPropertiesChanged, propertiesRead } from '../engine';
import type { DealRecord, Model, RawProperties } from '../engine';
import type { ContactWriteFailure, PropertiesById, RecalcCrm } from './RecalcCrm';

/** What rolling up committees needs from the CRM adapter (src/crm), besides recalculation's calls. */
export interface CommitteeCrm extends Pick<RecalcCrm, 'readContacts' | 'readDeals' | 'readCompanies' | 'contactDeals' | 'contactCompanies' | 'dealContacts' | 'companyContacts'> {
  dealCompanies(dealIds: string[]): Promise<Map<string, string[]>>;
  companyDeals(companyIds: string[]): Promise<Map<string, string[]>>;
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

  const derived = committeePropertyNames(model);
  const dealProperties = unique([...read.deal, ...derived, 'dealname', 'hs_is_closed']);
  const companyProperties = unique([...read.company, ...derived, 'name']);
  const moreDealCompanies = readsCompany ? dealIds.filter((id) => !companiesOfHintedDeals.has(id)) : [];
  const [deals, dealMembers, dealCompanyMore, companies, companyMembers, companyDealIds] = await Promise.all([
    dealIds.length > 0 ? crm.readDeals(dealIds, dealProperties) : Promise.resolve(new Map() as PropertiesById),
    dealIds.length > 0 ? crm.dealContacts(dealIds) : none,
    moreDealCompanies.length > 0 ? crm.dealCompanies(moreDealCompanies) : none,
    companyIds.length > 0 ? crm.readCompanies(companyIds, companyProperties) : Promise.resolve(new Map() as PropertiesById),
    companyIds.length > 0 ? crm.companyContacts(companyIds) : none,
    companyIds.length > 0 ? crm.companyDeals(companyIds) : none,
  ]);
  const dealCompany = (id: string) => (companiesOfHintedDeals.get(id) ?? dealCompanyMore.get(id) ?? [])[0];

  // The contacts of every committee, the companies' deals and the deals' companies not read yet: one more round.
  const memberIds = unique([...flat(dealMembers), ...flat(companyMembers)]);
  const otherDeals = unique(flat(companyDealIds)).filter((id) => !deals.has(id));
  const otherCompanies = readsCompany ? unique(dealIds.map(dealCompany).filter((id): id is string => id !== undefined)).filter((id) => !companies.has(id)) : [];
  const nothing = Promise.resolve(new Map() as PropertiesById);
  const [members, moreDeals, moreCompanies] = await Promise.all([
    memberIds.length > 0 ? crm.readContacts(memberIds, unique([...read.contact, ...MEMBER_PROPERTIES])) : nothing,
    otherDeals.length > 0 ? crm.readDeals(otherDeals, unique([...read.deal, 'dealname', 'hs_is_closed'])) : nothing,
    otherCompanies.length > 0 ? crm.readCompanies(otherCompanies, unique([...read.company, 'name'])) : nothing,
  ]);
  const dealById = (id: string): RawProperties | undefined => deals.get(id) ?? moreDeals.get(id);
  const companyById = (id: string): RawProperties | undefined => companies.get(id) ?? moreCompanies.get(id);
  const membersOf = (ids: string[] | undefined) => (ids ?? []).flatMap((id) => {
    const contact = members.get(id);
    return contact ? [{ id, contact }] : [];
  });

  const outcomes: CommitteeOutcome[] = [];
  const updates = { deals: [] as Array<{ id: string; properties: Record<string, string> }>, companies: [] as Array<{ id: string; properties: Record<string, string> }> };
  const settle = (object: CommitteeObject, id: string, stored: RawProperties | undefined, input: CommitteeInput | null) => {
    if (!stored || !input) {
      outcomes.push({ object, id, status: 'missing', changes: {}, before: { score: null, grade: null }, result: null });
      return;
    }
    const result = rollupCommittee(model, input, now);
    const next = committeeDerivedProperties(model, result, now);
    const changed = derivedPropertiesChanged(stored, next);
    const changes = Object.fromEntries(changed.map((name) => [name, [stored[name] ?? null, next[name]!]])) as CommitteeOutcome['changes'];
    outcomes.push({ object, id, status: changed.length > 0 ? 'written' : 'unchanged', changes, before: { score: stored.bant_score ?? null, grade: stored.bant_grade ?? null }, result });
    if (changed.length > 0) updates[object === 'deal' ? 'deals' : 'companies'].push({ id, properties: next });
  };

  for (const id of dealIds) {
    const properties = deals.get(id);
    const companyId = readsCompany ? dealCompany(id) : undefined;
    const company = companyId ? companyById(companyId) : undefined;
    settle('deal', id, properties, properties ? {
      object: 'deal', id, deals: [{ id, properties }], members: membersOf(dealMembers.get(id)),
      ...(companyId && company ? { company: { id: companyId, properties: company } } : {}),
    } : null);
  }
  for (const id of companyIds) {
    const properties = companies.get(id);
    const ownDeals: DealRecord[] = (companyDealIds.get(id) ?? []).flatMap((dealId) => {
      const deal = dealById(dealId);
      return deal ? [{ id: dealId, properties: deal }] : [];
    });
    settle('company', id, properties, properties ? { object: 'company', id, deals: ownDeals, company: { id, properties }, members: membersOf(companyMembers.get(id)) } : null);
  }

  for (const type of ['deals', 'companies'] as const) {
    if (updates[type].length === 0) continue;
    const { failed } = await crm.updateRecords(type, updates[type]);
    const object: CommitteeObject = type === 'deals' ? 'deal' : 'company';
    for (const failure of failed) {
      const outcome = outcomes.find((o) => o.object === object && o.id === failure.id);
      if (!outcome) continue;
      // A record deleted between read and write is gone, not failed.
      outcome.status = failure.code === 'NOT_FOUND' ? 'missing' : 'failed';
      outcome.error = failure;
    }
  }
  return outcomes;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function flat(map: Map<string, string[]>): string[] {
  return [...map.values()].flat();
}
