/** The portal's company currency reaches the extractor on card load: an amount written without a currency is in it. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handleCardRequest } from '../../../src/app/functions/handleCardRequest';
import { createAccountCache } from '../../../src/app/functions/accountDetails';
import type { CardData, CardResponse } from '../../../src/app/cards/lib/cardApi';
import type { Model } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { bantPortal } from '../../support/bantPortal';

const NOW = new Date('2026-11-23T10:00:00.000Z');
const { portal, crm, server } = bantPortal(BANT_DEFAULT, { account: { companyCurrency: 'EUR', timeZone: 'Europe/Helsinki' } });

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function contactSaying(text: string): string {
  const contactId = portal.createContact({ firstname: 'Aino' }).id;
  const note = portal.createRecord('notes', { hs_timestamp: new Date(NOW.getTime() - 86_400_000).toISOString(), hs_note_body: text });
  portal.associate('contacts', contactId, 'notes', note.id);
  return contactId;
}

async function open(contactId: string, model: Model = BANT_DEFAULT): Promise<CardData> {
  const response: CardResponse = await handleCardRequest({ action: 'load', portalId: 123, contactId }, { crm: () => crm, model: { ok: true, model }, now: NOW, account: createAccountCache() });
  if (!response.ok) throw new Error(response.error.message);
  return response.data;
}

describe('the company currency on card load', () => {
  it('reads an amount without a currency sign in the portal\'s currency', async () => {
    const loaded = await open(contactSaying('They have a budget of 80k approved for this.'));
    expect(loaded.currency).toBe('EUR');
    expect(loaded.suggestions?.find((s) => s.criterion === 'budget')).toMatchObject({ value: '80000', currency: 'EUR' });
  });

  it('keeps an amount in another currency in its own, and auto-fill never stores it as the portal\'s', async () => {
    const model: Model = { ...BANT_DEFAULT, suggestions: { ...BANT_DEFAULT.suggestions, autofill: { enabled: true, minConfidence: 0.5 } } };
    const dollars = contactSaying('They have a budget of $80k approved for this.');
    const loaded = await open(dollars, model);
    expect(loaded.suggestions?.find((s) => s.criterion === 'budget')).toMatchObject({ value: '80000', currency: 'USD' });
    expect(loaded.autofilled ?? []).not.toContain('budget');
    expect(portal.getRecord('contacts', dollars)?.properties.bant_budget ?? null).toBeNull();
    // The same amount in the portal's currency is filled.
    const euros = contactSaying('They have a budget of 80k approved for this.');
    expect((await open(euros, model)).autofilled).toContain('budget');
    expect(portal.getRecord('contacts', euros)?.properties.bant_budget).toBe('80000');
  });
});
