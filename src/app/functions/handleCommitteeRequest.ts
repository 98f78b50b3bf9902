import { z } from 'zod';
import { rollupCommittee } from '../../committee';
import type { CommitteeObject } from '../../committee';
import { CrmError } from '../../crm';
import type { CrmClient } from '../../crm';
import { formatProblem } from '../../engine';
import type { Model, ModelProblem } from '../../engine';
import { readCommittees } from '../../recalc/readCommittees';
import { modelInUse } from '../../versions';
import type { ModelSource } from '../../versions';
import type { CardError } from '../cards/lib/cardApi';
import { CARD_MEMBER_LIMIT, COMMITTEE_OBJECT_TYPES } from '../cards/lib/committeeApi';
import type { CommitteeCardData, CommitteeLoadParameters, CommitteeResponse } from '../cards/lib/committeeApi';
import { accountDetails } from './accountDetails';
import type { AccountCache } from './accountDetails';
import { functionTranslator } from './messages';
import type { FunctionTranslate } from './messages';
import { crmFailureToCardError, toCardError } from './toCardError';

/** The CRM adapter calls the committee card's function makes: batch reads only. */
export type CommitteeCardCrm = Pick<CrmClient, 'readContacts' | 'readDeals' | 'readCompanies' | 'dealContacts' | 'companyContacts' | 'dealCompanies' | 'companyDeals' | 'getAccountInfo' | 'readObject' | 'readObjects'>;

export interface CommitteeRequestDeps {
  /** Built only once the parameters are valid: a bad request needs no token. */
  crm: () => CommitteeCardCrm;
  /** A fixed model, or the resolver of the portal's published one (one request per call). */
  model: ModelSource;
  now: Date;
  /** Keeps the account's currency between calls; without it, it is not read. */
  account?: AccountCache;
}

/** A deal's own currency in a portal with several: its amount is shown in it. */
const DEAL_CURRENCY = 'deal_currency_code';

const parametersSchema = z.strictObject({
  action: z.literal('load'),
  portalId: z.number().int().positive('must be the account id, context.portal.id'),
  objectTypeId: z.enum(Object.keys(COMMITTEE_OBJECT_TYPES) as ['0-3', '0-2'], { error: 'must be "0-3" (a deal) or "0-2" (a company), context.crm.objectTypeId' }),
  objectId: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d+$/, 'must be a HubSpot record id (digits only, e.g. "101")')),
  locale: z.string().max(35).optional(),
});

/**
 * The committee card's app function, IO passed in: reads the published model, the deal's or
 * company's committee in batch calls (`readCommittees`, as recalculation reads it: the record, its
 * contacts, a company's deals, the deal's company when the model reads company properties) and
 * rolls it up. At most 7 HubSpot requests for up to 100 contacts (the published model, the account's
 * currency while not cached, two rounds of batch reads), one more per further 100 contacts, and
 * never more than `CARD_MEMBER_LIMIT` contacts. Never throws: failures come back as `{ ok: false }`.
 */
export async function handleCommitteeRequest(parameters: unknown, deps: CommitteeRequestDeps): Promise<CommitteeResponse> {
  const locale = parameters && typeof parameters === 'object' && 'locale' in parameters && typeof parameters.locale === 'string' ? parameters.locale : null;
  const t = functionTranslator(locale);
  const parsed = parametersSchema.safeParse(parameters);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'parameters'}: ${issue.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_parameters', retryable: false, message: t('cardApi.badRequest', { details }) } };
  }
  const request: CommitteeLoadParameters = parsed.data;
  const object: CommitteeObject = COMMITTEE_OBJECT_TYPES[parsed.data.objectTypeId];
  const doing = t(object === 'deal' ? 'committee.doingLoadDeal' : 'committee.doingLoadCompany');
  try {
    const crm = deps.crm();
    const model = await modelInUse(deps.model, crm);
    if (!model.ok) return modelInvalid(model.problems, t);
    return await load(crm, model.model, object, request, deps, t);
  } catch (error) {
    // A CRM failure in one line; anything else with its stack.
    console.error(`bant_committee_api load failed for ${object} ${request.objectId}:`, error instanceof CrmError ? error.message : error);
    return { ok: false, error: committeeError(error, doing, t) };
  }
}

async function load(crm: CommitteeCardCrm, model: Model, object: CommitteeObject, request: CommitteeLoadParameters, deps: CommitteeRequestDeps, t: FunctionTranslate): Promise<CommitteeResponse> {
  const id = request.objectId;
  const [records, account] = await Promise.all([
    readCommittees(crm, model, {
      dealIds: object === 'deal' ? [id] : [], companyIds: object === 'company' ? [id] : [],
      memberLimit: CARD_MEMBER_LIMIT, extraDealProperties: [DEAL_CURRENCY],
    }),
    deps.account ? accountDetails(crm, deps.account, request.portalId, deps.now) : undefined,
  ]);
  const record = records[0];
  if (!record?.input || !record.stored) {
    return { ok: false, error: { code: 'not_found', retryable: false, message: t(object === 'deal' ? 'committee.notFoundDeal' : 'committee.notFoundCompany', { id }) } };
  }
  const { input, stored } = record;
  const result = rollupCommittee(model, input, deps.now);
  const openDeals = object === 'company' ? input.deals.filter((deal) => (deal.properties.hs_is_closed ?? '').trim().toLowerCase() !== 'true').length : 0;
  const dealCurrencies = Object.fromEntries(input.deals.flatMap((deal) => {
    const code = deal.properties[DEAL_CURRENCY]?.trim();
    return code ? [[deal.id, code]] : [];
  }));
  const data: CommitteeCardData = {
    model,
    object,
    id,
    name: nonEmpty(object === 'deal' ? stored.dealname : stored.name),
    result,
    memberCount: record.memberCount,
    openDeals,
    stored: object === 'deal' ? model.committee?.deals === true : model.committee?.companies === true,
    currency: account?.currency ?? null,
    dealCurrencies,
  };
  return { ok: true, data };
}

/** A failure in the user's words; a record that is gone or a refused read named for deals and companies, not contacts. */
function committeeError(error: unknown, doing: string, t: FunctionTranslate): CardError {
  if (error instanceof CrmError && error.code === 'NOT_FOUND') {
    return { code: 'not_found', retryable: false, message: t('committee.crmNotFound', { doing, status: error.status ? ` (${error.status})` : '' }) };
  }
  if (error instanceof CrmError && error.code === 'FORBIDDEN') {
    return { code: 'forbidden', retryable: false, message: t('committee.crmForbidden', { doing, status: ` (${error.status ?? 403})` }) };
  }
  return error instanceof CrmError ? crmFailureToCardError(error, doing, t) : toCardError(error, doing, t);
}

function modelInvalid(problems: ModelProblem[], t: FunctionTranslate): CommitteeResponse {
  return {
    ok: false,
    error: { code: 'model_invalid', retryable: false, problems, message: t('cardApi.modelInvalid', { count: problems.length, first: formatProblem(problems[0] ?? { path: '', message: '?' }) }) },
  };
}

function nonEmpty(raw: string | null | undefined): string | null {
  return raw === null || raw === undefined || raw.trim() === '' ? null : raw.trim();
}
