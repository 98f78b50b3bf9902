import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoadingButton, Select, Tag, Text, Tooltip } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { BantCard } from '../../../src/app/cards/BantCard';
import type { CardData, CardLead } from '../../../src/app/cards/lib/cardApi';
import { NOW, SEED_CONTACT, cardData, ok } from '../fixtures';
import { answerServerless, change, countComponents, textOf } from '../support';

const LEAD: CardLead = { id: '501', name: 'Acme – pilot', stage: 'connected-stage-id', stageLabel: null, open: true, moves: null };

function renderCard(data: CardData, locale?: string, more: CardData[] = []) {
  const serverless = answerServerless([ok(data), ...more.map(ok)]);
  const renderer = createRenderer('crm.record.sidebar');
  if (locale) renderer.mocks.context.user.locale = locale;
  renderer.render(<BantCard context={renderer.mocks.context} actions={renderer.mocks.actions} now={() => NOW} />);
  return Object.assign(renderer, { serverless });
}

async function opened(card: ReturnType<typeof renderCard>) {
  await card.waitFor(() => card.findByTestId(Text, 'bant-headline'));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the contact's HubSpot lead on the card", () => {
  it('shows the open lead and its stage below the criteria', async () => {
    const card = renderCard({ ...cardData({ contact: SEED_CONTACT }), lead: LEAD });
    await opened(card);
    expect(card.findByTestId(Tag, 'bant-lead').text).toBe('Lead “Acme – pilot”: Connected');
    expect(card.maybeFindByTestId(Tooltip, 'bant-lead-moves')).toBeNull();
  });

  it('says what the app does with it when the model moves leads, only while it is open', async () => {
    const card = renderCard({ ...cardData({ contact: SEED_CONTACT }), lead: { ...LEAD, moves: 'both' } });
    await opened(card);
    expect(textOf(card.findByTestId(Tooltip, 'bant-lead-moves'))).toBe('BANT moves it to Qualified when this contact qualifies, or to Unqualified once every answer is known and it does not.');
    const closed = renderCard({ ...cardData({ contact: SEED_CONTACT }), lead: { ...LEAD, stage: 'qualified-stage-id', open: false, moves: 'qualify' } });
    await opened(closed);
    expect(closed.findByTestId(Tag, 'bant-lead').text).toBe('Lead “Acme – pilot”: Qualified');
    expect(closed.maybeFindByTestId(Tooltip, 'bant-lead-moves')).toBeNull();
  });

  it("uses HubSpot's label for a custom stage, and words the default stages in the user's language", async () => {
    const custom = renderCard({ ...cardData({ contact: SEED_CONTACT }), lead: { ...LEAD, stage: 'demo-booked', stageLabel: 'Demo booked' } });
    await opened(custom);
    expect(custom.findByTestId(Tag, 'bant-lead').text).toBe('Lead “Acme – pilot”: Demo booked');
    const finnish = renderCard({ ...cardData({ contact: SEED_CONTACT }), lead: { ...LEAD, name: null } }, 'fi');
    await opened(finnish);
    expect(finnish.findByTestId(Tag, 'bant-lead').text).toBe('Liidi: Yhteys saatu');
  });

  it('shows nothing where the portal has no Leads or the contact none, and stays short with one', async () => {
    const none = renderCard(cardData({ contact: SEED_CONTACT }));
    await opened(none);
    expect(none.maybeFindByTestId(Tag, 'bant-lead')).toBeNull();
    const withLead = renderCard({ ...cardData({ contact: SEED_CONTACT }), lead: { ...LEAD, moves: 'qualify' } });
    await opened(withLead);
    // One component more than without a lead.
    expect(countComponents(withLead.getRootNode())).toBe(countComponents(none.getRootNode()) + 1);
    expect(countComponents(withLead.getRootNode())).toBeLessThanOrEqual(25);
  });

  it('keeps showing the lead after a save, whose answer carries no lead', async () => {
    const saved = cardData({ contact: { ...SEED_CONTACT, bant_timeline: '1_3_months' } });
    const card = renderCard({ ...cardData({ contact: SEED_CONTACT }), lead: LEAD }, undefined, [saved]);
    await opened(card);
    change(card.findByTestId(Select, 'bant-input-timeline'), '1_3_months');
    card.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await card.waitFor(() => expect(card.mocks.actions.refreshObjectProperties.calls).toHaveLength(1));
    expect(card.serverless).toHaveBeenCalledTimes(2);
    expect(card.serverless.mock.calls[1]?.[1]).toMatchObject({ parameters: { action: 'save' } });
    expect(saved.lead).toBeUndefined();
    expect(card.findByTestId(Tag, 'bant-lead').text).toBe('Lead “Acme – pilot”: Connected');
  });
});
