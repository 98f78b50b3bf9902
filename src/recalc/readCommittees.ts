import { committeePropertyNames, MEMBER_PROPERTIES } from '../committee';
import type { CommitteeInput, CommitteeObject } from '../committee';
import { propertiesRead } from '../engine';
import type { DealRecord, Model, RawProperties } from '../engine';
import type { PropertiesById, RecalcCrm } from './RecalcCrm';

/** The reads of a committee (`readCommittees`): records, contacts and the associations between them. */
export interface CommitteeReader extends Pick<RecalcCrm, 'readContacts' | 'readDeals' | 'readCompanies' | 'dealContacts' | 'companyContacts'> {
  dealCompanies(dealIds: string[]): Promise<Map<string, string[]>>;
  companyDeals(companyIds: string[]): Promise<Map<string, string[]>>;
}

/** One deal or company as its roll-up reads it. */
export interface CommitteeRecord {
  object: CommitteeObject;
  id: string;
  /** The record's properties as stored, the app's derived ones included; null when it does not exist. */
  stored: RawProperties | null;
  /** What `rollupCommittee` takes; null when the record does not exist. */
  input: CommitteeInput | null;
  /** How many contacts are associated with the record; more than `input.members` when `memberLimit` cut them. */
  memberCount: number;
}

export interface CommitteeReadRequest {
  dealIds: readonly string[];
  companyIds: readonly string[];
  /** Deals' companies already known (from an earlier read), so they are not asked again. */
  dealCompanies?: Map<string, string[]>;
  /** Deals or companies already read with `committeeRecordProperties` (a search page), so they are not read again. */
  found?: { deals?: PropertiesById; companies?: PropertiesById };
  /**
   * At most this many contacts per record, the first associated (the card keeps its requests
   * bounded: 100 contacts per batch read); every associated contact when left out.
   */
  memberLimit?: number;
  /** Deal properties to read besides the model's (the card: `deal_currency_code`, for amounts in the deal's currency). */
  extraDealProperties?: readonly string[];
}

/**
 * The properties a roll-up reads on a deal or company it rolls up: what the model reads there, the
 * stored derived values (to write only what changed) and the record's name.
 * @example committeeRecordProperties(model, 'deal').includes('bant_committee_size') // true
 */
export function committeeRecordProperties(model: Model, object: CommitteeObject): string[] {
  const read = propertiesRead(model);
  return unique(object === 'deal'
    ? [...read.deal, ...committeePropertyNames(model), 'dealname', 'hs_is_closed']
    : [...read.company, ...committeePropertyNames(model), 'name']);
}

/**
 * Reads the buying committees of deals and companies, in batches: the records, their contacts (with
 * the model's properties, names and job titles), a company's deals (open or closed: the roll-up
 * keeps the open ones) and, when the model reads company properties, a deal's first company. Two
 * rounds of batch calls whatever the number of records, so the calls grow with the records ÷ 100.
 * Recalculation, `bant rescore --object` and the deal and company cards all read committees here, so
 * they roll up the same.
 */
export async function readCommittees(crm: CommitteeReader, model: Model, request: CommitteeReadRequest): Promise<CommitteeRecord[]> {
  const dealIds = unique(request.dealIds);
  const companyIds = unique(request.companyIds);
  if (dealIds.length === 0 && companyIds.length === 0) return [];
  const read = propertiesRead(model);
  const readsCompany = read.company.length > 0;
  const none = Promise.resolve(new Map<string, string[]>());
  const nothing = Promise.resolve(new Map() as PropertiesById);
  const known = request.dealCompanies ?? new Map<string, string[]>();
  const foundDeals = request.found?.deals ?? new Map() as PropertiesById;
  const foundCompanies = request.found?.companies ?? new Map() as PropertiesById;
  const dealsToRead = dealIds.filter((id) => !foundDeals.has(id));
  const companiesToRead = companyIds.filter((id) => !foundCompanies.has(id));
  const moreDealCompanies = readsCompany ? dealIds.filter((id) => !known.has(id)) : [];

  const extraDeal = request.extraDealProperties ?? [];

  const [readDeals, dealMembersAll, dealCompanyMore, readCompanies, companyMembersAll, companyDealIds] = await Promise.all([
    dealsToRead.length > 0 ? crm.readDeals(dealsToRead, unique([...committeeRecordProperties(model, 'deal'), ...extraDeal])) : nothing,
    dealIds.length > 0 ? crm.dealContacts(dealIds) : none,
    moreDealCompanies.length > 0 ? crm.dealCompanies(moreDealCompanies) : none,
    companiesToRead.length > 0 ? crm.readCompanies(companiesToRead, committeeRecordProperties(model, 'company')) : nothing,
    companyIds.length > 0 ? crm.companyContacts(companyIds) : none,
    companyIds.length > 0 ? crm.companyDeals(companyIds) : none,
  ]);
  const limit = (all: Map<string, string[]>) => request.memberLimit === undefined ? all : new Map([...all].map(([id, ids]) => [id, ids.slice(0, request.memberLimit)]));
  const dealMembers = limit(dealMembersAll);
  const companyMembers = limit(companyMembersAll);
  const deals = new Map([...foundDeals, ...readDeals]);
  const companies = new Map([...foundCompanies, ...readCompanies]);
  const dealCompany = (id: string) => (known.get(id) ?? dealCompanyMore.get(id) ?? [])[0];

  // The contacts of every committee, the companies' deals and the deals' companies not read yet: one more round.
  const memberIds = unique([...flat(dealMembers), ...flat(companyMembers)]);
  const otherDeals = unique(flat(companyDealIds)).filter((id) => !deals.has(id));
  const otherCompanies = readsCompany ? unique(dealIds.map(dealCompany).filter((id): id is string => id !== undefined)).filter((id) => !companies.has(id)) : [];
  const [members, moreDeals, moreCompanies] = await Promise.all([
    memberIds.length > 0 ? crm.readContacts(memberIds, unique([...read.contact, ...MEMBER_PROPERTIES])) : nothing,
    otherDeals.length > 0 ? crm.readDeals(otherDeals, unique([...read.deal, 'dealname', 'hs_is_closed', ...extraDeal])) : nothing,
    otherCompanies.length > 0 ? crm.readCompanies(otherCompanies, unique([...read.company, 'name'])) : nothing,
  ]);
  const dealById = (id: string): RawProperties | undefined => deals.get(id) ?? moreDeals.get(id);
  const companyById = (id: string): RawProperties | undefined => companies.get(id) ?? moreCompanies.get(id);
  const membersOf = (ids: string[] | undefined) => (ids ?? []).flatMap((id) => {
    const contact = members.get(id);
    return contact ? [{ id, contact }] : [];
  });

  const records: CommitteeRecord[] = [];
  for (const id of dealIds) {
    const properties = deals.get(id);
    const companyId = readsCompany ? dealCompany(id) : undefined;
    const company = companyId ? companyById(companyId) : undefined;
    records.push({
      object: 'deal', id, stored: properties ?? null, memberCount: dealMembersAll.get(id)?.length ?? 0,
      input: properties ? {
        object: 'deal', id, deals: [{ id, properties }], members: membersOf(dealMembers.get(id)),
        ...(companyId && company ? { company: { id: companyId, properties: company } } : {}),
      } : null,
    });
  }
  for (const id of companyIds) {
    const properties = companies.get(id);
    const ownDeals: DealRecord[] = (companyDealIds.get(id) ?? []).flatMap((dealId) => {
      const deal = dealById(dealId);
      return deal ? [{ id: dealId, properties: deal }] : [];
    });
    records.push({
      object: 'company', id, stored: properties ?? null, memberCount: companyMembersAll.get(id)?.length ?? 0,
      input: properties ? { object: 'company', id, deals: ownDeals, company: { id, properties }, members: membersOf(companyMembers.get(id)) } : null,
    });
  }
  return records;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

function flat(map: Map<string, string[]>): string[] {
  return [...map.values()].flat();
}
