import { afterEach, describe, expect, it, vi } from 'vitest';
import { Button, EmptyState, ErrorState, LoadingSpinner, Panel, ScoreCircle, Table, TableRow, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { rollupCommittee } from '../../../src/committee';
import type { CommitteeInput } from '../../../src/committee';
import type { Model, RawProperties } from '../../../src/engine';
import { BANT_DEFAULT } from '../../../src/models';
import { CommitteeCard } from '../../../src/app/cards/CommitteeCard';
import type { CommitteeCardData, CommitteeResponse } from '../../../src/app/cards/lib/committeeApi';
import { NOW } from '../fixtures';
import { answerServerless, countComponents, plain, surfaceComponents, textOf } from '../support';

const MODEL: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };
const DEAL = { id: '9001', properties: { dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', hs_is_closed: 'false' } };
const MARIA = { id: '11', contact: { firstname: 'Maria', lastname: 'Chen', jobtitle: 'CFO', bant_authority: 'c_level' } };
const SAM = { id: '12', contact: { firstname: 'Sam', lastname: 'Ortiz', bant_authority: 'manager', bant_need: 'perfect' } };
const LEE = { id: '13', contact: { firstname: 'Lee', lastname: 'Park', bant_authority: 'other' } };

/** What the function answers for a deal with these contacts, rolled up by the real engine. */
function dealData(members: Array<{ id: string; contact: RawProperties }>, options: { deal?: typeof DEAL; model?: Model; currency?: string | null; memberCount?: number } = {}): CommitteeCardData {
  const model = options.model ?? MODEL;
  const deal = options.deal ?? DEAL;
  const input: CommitteeInput = { object: 'deal', id: deal.id, deals: [deal], members };
  return {
    model, object: 'deal', id: deal.id, name: deal.properties.dealname, result: rollupCommittee(model, input, NOW),
    memberCount: options.memberCount ?? members.length, openDeals: 0, stored: model.committee?.deals === true,
    currency: options.currency === undefined ? 'USD' : options.currency, dealCurrencies: {},
  };
}

const ok = (data: CommitteeCardData): CommitteeResponse => ({ ok: true, data });

function renderCard(replies: unknown[], options: { locale?: string; objectTypeId?: string } = {}) {
  const serverless = answerServerless(replies);
  const renderer = createRenderer('crm.record.sidebar');
  if (options.locale) renderer.mocks.context.user.locale = options.locale;
  const context = { ...renderer.mocks.context, crm: { objectId: 9001, objectTypeId: options.objectTypeId ?? '0-3' } };
  renderer.render(<CommitteeCard context={context} />);
  return { ...renderer, serverless };
}

type Card = ReturnType<typeof renderCard>;
const lineOf = (card: Card, key: string) => plain(textOf(card.findByTestId(Text, `bant-committee-${key}`)));
const gaps = (card: Card) => card.findAll(Text).filter((n) => String(n.props.testId ?? '').startsWith('bant-committee-gap-')).map((n) => plain(textOf(n)));
async function opened(card: Card) {
  await card.waitFor(() => card.findByTestId(Text, 'bant-committee-size'));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('opening the committee card', () => {
  it('registers itself with hubspot.extend when HubSpot loads its bundle', async () => {
    vi.resetModules();
    const { hubspot } = await import('@hubspot/ui-extensions');
    const extend = vi.spyOn(hubspot, 'extend');
    await import('../../../src/app/cards/CommitteeCard');
    expect(extend).toHaveBeenCalledTimes(1);
  });

  it('shows a spinner, then loads with one function call carrying the portal, the record and the language', async () => {
    const card = renderCard([ok(dealData([MARIA, SAM]))], { locale: 'en' });
    expect(card.findByTestId(LoadingSpinner, 'bant-loading')).toBeTruthy();
    await opened(card);
    expect(card.serverless).toHaveBeenCalledTimes(1);
    expect(card.serverless).toHaveBeenCalledWith('bant_committee_api', { parameters: { action: 'load', portalId: 123, objectTypeId: '0-3', objectId: '9001', locale: 'en' } });
  });

  it("shows the deal's score and, per criterion, whose answer it took", async () => {
    const card = renderCard([ok(dealData([MARIA, SAM, LEE]))]);
    await opened(card);
    expect(card.findByTestId(ScoreCircle, 'bant-score').props.score).toBe(100);
    expect(['budget', 'authority', 'need', 'timeline'].map((key) => lineOf(card, key))).toEqual([
      'Budget: $120,000, from deal “Acme renewal” · 30/30',
      'Authority: C-level executive, from Maria Chen · 25/25',
      'Need: Perfect match, from Sam Ortiz · 25/25',
      'Timeline: Jan 15, 2027, from deal “Acme renewal” · 20/20',
    ]);
    expect(card.maybeFindByTestId(Text, 'bant-committee-gap-0')).toBeNull();
    expect(plain(textOf(card.findByTestId(Text, 'bant-committee-size')))).toBe('Rolled up from 3 contacts.');
  });

  it('reads the gaps as actions: no one senior enough, a question no one answered', async () => {
    const card = renderCard([ok(dealData([SAM, LEE], { deal: { ...DEAL, properties: { ...DEAL.properties, amount: '' } }, currency: 'EUR' }))]);
    await opened(card);
    expect(lineOf(card, 'authority')).toBe('Authority: Manager, from Sam Ortiz · 15/25');
    expect(lineOf(card, 'budget')).toBe('Budget: not known yet · 0/30');
    expect(gaps(card)).toEqual([
      'Ask about Budget: no one has answered yet (€50,000 qualifies)',
      'No one at Director level or above yet',
    ]);
  });

  it('lists an answer that cannot be read as a gap, naming whose it is, without hiding a valid one', async () => {
    const card = renderCard([ok(dealData([MARIA, { id: '14', contact: { firstname: 'Kim', lastname: 'Berg', bant_need: 'maybe' } }, SAM]))]);
    await opened(card);
    expect(lineOf(card, 'need')).toBe('Need: Perfect match, from Sam Ortiz · 25/25');
    expect(gaps(card)).toEqual(['Correct the Need answer of Kim Berg: “maybe” cannot be read']);
  });

  it('says the roll-up is not saved on the deal when the model does not store it, and how many contacts were counted', async () => {
    const card = renderCard([ok(dealData([MARIA], { model: BANT_DEFAULT, memberCount: 301 }))]);
    await opened(card);
    expect(plain(textOf(card.findByTestId(Text, 'bant-committee-size')))).toBe(
      'Rolled up from 1 contact. Only the first 1 of 301 contacts are counted. Not saved on the deal: RevOps can turn this on in the model.',
    );
  });
});

describe('the contacts of the committee', () => {
  it('opens a table, most senior first, with each role, own score and what each still lacks', async () => {
    const card = renderCard([ok(dealData([LEE, SAM, MARIA]))]);
    await opened(card);
    expect(card.findByTestId(Button, 'bant-committee-members').text).toBe('See the 3 contacts');
    expect(card.findByTestId(Panel, 'bant-committee-panel').props.title).toBe('Buying committee');
    const rows = card.findByTestId(Table, 'bant-committee-table').findAll(TableRow).map((row) => row.findAll(Text).length === 0 ? plain(textOf(row)) : '');
    expect(rows).toEqual([
      'ContactRoleOwn scoreStill missing',
      'Maria Chen, CFOC-level executive75/100 · ANeed',
      'Sam OrtizManager90/100 · ANothing',
      'Lee ParkOther50/100 · BAuthority and Need',
    ]);
  });
});

describe('short by default', () => {
  it('shows a qualified deal in at most 25 components, the table only once opened', async () => {
    const members = Array.from({ length: 30 }, (_, i) => ({ id: String(100 + i), contact: { firstname: `P${i}`, bant_authority: i === 0 ? 'c_level' : 'manager', bant_need: 'perfect' } }));
    const card = renderCard([ok(dealData(members))]);
    await opened(card);
    expect(countComponents(card.getRootNode())).toBeLessThanOrEqual(25);
    expect(surfaceComponents(card.getRootNode())).not.toContain('Table');
  });
});

describe('many gaps', () => {
  it('shows what to ask first and the first four, the rest on request, staying short', async () => {
    // 30 contacts, each with an answer that cannot be read (the first two), and no one senior enough.
    const members = Array.from({ length: 30 }, (_, i) => ({ id: String(200 + i), contact: { firstname: `P${i}`, bant_authority: 'manager', bant_need: 'maybe', ...(i === 0 ? { bant_budget: '-5' } : {}) } }));
    const card = renderCard([ok(dealData(members))]);
    await opened(card);
    // Whom to find first, then the answers to correct.
    expect(gaps(card)).toEqual([
      'No one at Director level or above yet',
      'Correct the Budget answer of P0: “-5” cannot be read',
      'Correct the Need answer of P0: “maybe” cannot be read',
      'Correct the Need answer of P1: “maybe” cannot be read',
    ]);
    expect(countComponents(card.getRootNode())).toBeLessThanOrEqual(25);
    const more = card.findByTestId(Button, 'bant-committee-more-gaps');
    expect(more.text).toBe(`Show ${32 - 4} more`);
    more.trigger('onClick');
    await card.waitFor(() => expect(gaps(card)).toHaveLength(32));
    expect(card.maybeFindByTestId(Button, 'bant-committee-more-gaps')).toBeNull();
  });
});

describe('a company', () => {
  it('rolls up its contacts and open deals, and says so', async () => {
    const input: CommitteeInput = { object: 'company', id: '77', company: { id: '77', properties: { name: 'Acme' } }, deals: [DEAL], members: [MARIA] };
    const data: CommitteeCardData = { ...dealData([]), object: 'company', id: '77', name: 'Acme', result: rollupCommittee(MODEL, input, NOW), memberCount: 1, openDeals: 1 };
    const card = renderCard([ok(data)], { objectTypeId: '0-2' });
    await opened(card);
    expect(card.serverless).toHaveBeenCalledWith('bant_committee_api', { parameters: expect.objectContaining({ objectTypeId: '0-2', objectId: '9001' }) });
    expect(plain(textOf(card.findByTestId(Text, 'bant-committee-size')))).toBe('Rolled up from 1 contact and 1 open deal.');
  });

  it('invites the user to build the committee when nothing is known yet', async () => {
    const input: CommitteeInput = { object: 'company', id: '77', company: { id: '77', properties: { name: 'Acme' } }, deals: [], members: [] };
    const data: CommitteeCardData = { ...dealData([]), object: 'company', id: '77', name: 'Acme', result: rollupCommittee(MODEL, input, NOW), memberCount: 0 };
    const card = renderCard([ok(data)], { objectTypeId: '0-2' });
    await card.waitFor(() => card.findByTestId(EmptyState, 'bant-committee-empty'));
    expect(textOf(card.findByTestId(EmptyState, 'bant-committee-empty'))).toContain('Associate the people you talk to with this company');
  });
});

describe('in the user\'s language', () => {
  it.each([
    ['fi', 'Päätösvalta: Ylin johto (C-taso), lähde Maria Chen · 25/25', 'Ketään tasolta Johtaja tai ylempää ei vielä ole mukana'],
    ['nb', 'Beslutningsmyndighet: Toppleder (C-nivå), fra Maria Chen · 25/25', 'Ingen på nivå Direktør eller høyere ennå'],
    ['ar', 'الصلاحية', 'لا يوجد أحد بمستوى'],
  ])('speaks %s', async (locale, authority, roleGap) => {
    const card = renderCard([ok(dealData([MARIA]))], { locale });
    await opened(card);
    expect(lineOf(card, 'authority')).toContain(authority);
    const other = renderCard([ok(dealData([SAM]))], { locale });
    await opened(other);
    expect(gaps(other).join(' ')).toContain(roleGap);
  });
});

describe('failures', () => {
  it('names a deal that is gone and offers a retry that calls again', async () => {
    const card = renderCard([{ ok: false, error: { code: 'not_found', retryable: false, message: 'x' } }, ok(dealData([MARIA]))]);
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toContain('This record no longer exists (deleted or merged). Reload the page.');
    card.findByTestId(Button, 'bant-retry').trigger('onClick');
    await opened(card);
    expect(card.serverless).toHaveBeenCalledTimes(2);
  });

  it('says the app may not read the record when HubSpot refuses', async () => {
    const card = renderCard([{ ok: false, error: { code: 'forbidden', retryable: false, message: 'x' } }]);
    await card.waitFor(() => card.findByTestId(ErrorState, 'bant-load-error'));
    expect(textOf(card.findByTestId(ErrorState, 'bant-load-error'))).toContain("HubSpot did not let the app read this record's contacts or deals.");
  });

  it('keeps internal names away from the user', async () => {
    const card = renderCard([ok(dealData([SAM, LEE]))]);
    await opened(card);
    expect(textOf(card.getRootNode() as never)).not.toMatch(/bant_|closedate|hs_|c_level|src\/|\.json/);
  });
});
