/**
 * The contract between the committee card (deals and companies) and its app function
 * (`bant_committee_api`): what the card sends, and what the function answers. Types only, so the
 * function can import this file without pulling card code into its bundle.
 */
import type { Model } from '@bant/engine';
import type { CommitteeObject, CommitteeResult } from '../../../committee';
import type { CardError } from './cardApi';

/** The uid of the committee card's app function, as declared in src/app/functions/bant-committee-api-hsmeta.json. */
export const COMMITTEE_API_UID = 'bant_committee_api';

/** HubSpot's object type ids of the records the committee card is on. */
export const COMMITTEE_OBJECT_TYPES = { '0-3': 'deal', '0-2': 'company' } as const satisfies Record<string, CommitteeObject>;

/** At most this many contacts are rolled up on the card (three batch reads of 100). */
export const CARD_MEMBER_LIMIT = 300;

/* A type, not an interface: parameters must be assignable to the SDK's JsonValue. */
export type CommitteeLoadParameters = {
  action: 'load';
  /** `context.portal.id`: app functions receive no account id of their own. */
  portalId: number;
  /** `context.crm.objectTypeId`: "0-3" for a deal, "0-2" for a company. */
  objectTypeId: string;
  /** `context.crm.objectId`. */
  objectId: string;
  /** The user's language (en, fi, nb, ar): the function answers in it. */
  locale?: string;
};

/** Everything the committee card shows, from ONE function call. */
export interface CommitteeCardData {
  model: Model;
  object: CommitteeObject;
  id: string;
  /** The deal's or company's name, when it has one. */
  name: string | null;
  /** The roll-up: score, verdict, each criterion with whose evidence, the gaps and the contacts. */
  result: CommitteeResult;
  /** How many contacts are associated; more than `result.committeeSize` when the card rolled up only the first ones. */
  memberCount: number;
  /** The open deals a company's roll-up read (0 for a deal). */
  openDeals: number;
  /** Whether the model stores this roll-up on the record (`committee.deals` / `committee.companies`) for reports and workflows. */
  stored: boolean;
  /** The portal's company currency (ISO 4217), for amounts; null when unknown. */
  currency: string | null;
  /** Each deal's own currency (`deal_currency_code`) where it has one, by deal id: its amount is shown in it. */
  dealCurrencies: Record<string, string>;
}

export type CommitteeResponse = { ok: true; data: CommitteeCardData } | { ok: false; error: CardError };
