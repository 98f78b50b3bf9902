/** Card test data: what the card's function would answer, built with the real engine and model. */
import { englishText, scoreLead } from '../../src/engine';
import type { DealRecord, Model, RawProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import type { AnswerProperty, CardData, CardError, CardResponse } from '../../src/app/cards/lib/cardApi';

export const NOW = new Date('2026-11-23T10:00:00.000Z');

/** The seed's worked example: 30 + 15 + 25 + 10 = 80, every criterion met. */
export const SEED_CONTACT: RawProperties = {
  bant_budget: '100000',
  bant_authority: 'manager',
  bant_need: 'perfect',
  bant_timeline: '3_6_months',
  bant_scored_at: '2026-11-20T14:03:00.000Z',
  bant_model_version: 'bant-default@1',
};

export const DEFAULT_PROPERTIES: Record<string, AnswerProperty> = {
  bant_budget: property('bant_budget', 'Budget', 'number'),
  bant_authority: property('bant_authority', 'Authority', 'select', BANT_DEFAULT.criteria[1]),
  bant_need: property('bant_need', 'Need', 'select', BANT_DEFAULT.criteria[2]),
  // As the demo portal defines it: a select; the card still shows time windows as radio buttons.
  bant_timeline: property('bant_timeline', 'Timeline', 'select', BANT_DEFAULT.criteria[3]),
};

function property(name: string, label: string, fieldType: string, criterion?: Model['criteria'][number]): AnswerProperty {
  const options = criterion?.rule.type === 'options' ? criterion.rule.options.map(({ value, label: l }) => ({ value, label: englishText(l) })) : [];
  return { name, label, fieldType, options, exists: true, readOnly: false };
}

export interface CardDataOptions {
  model?: Model;
  contact?: RawProperties;
  deal?: DealRecord | null;
  properties?: Record<string, AnswerProperty>;
  canEdit?: boolean;
  readOnlyReason?: string | null;
  stale?: boolean;
  currency?: string | null;
}

export function cardData(options: CardDataOptions = {}): CardData {
  const model = options.model ?? BANT_DEFAULT;
  const contact = options.contact ?? {};
  const deal = options.deal ?? null;
  return {
    model,
    contactId: '123',
    contact,
    deal,
    company: null,
    result: scoreLead(model, { contact, deals: deal ? [deal] : [] }, NOW),
    properties: options.properties ?? DEFAULT_PROPERTIES,
    canEdit: options.canEdit ?? true,
    readOnlyReason: options.readOnlyReason ?? null,
    stale: options.stale ?? false,
    ...(options.currency !== undefined ? { currency: options.currency } : {}),
  };
}

export const ok = (data: CardData): CardResponse => ({ ok: true, data });
export const failed = (error: CardError): CardResponse => ({ ok: false, error });

export const ACME_DEAL: DealRecord = {
  id: '9001',
  properties: { dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', hs_is_closed: 'false', createdate: '2026-10-01T00:00:00Z' },
};
