/**
 * The contact card's cost: the size of the bundle HubSpot's own card build makes, and the function
 * calls (and HubSpot API requests behind them) one card open and one save take. The card is
 * rendered with HubSpot's testing renderer; its `hubspot.serverless` calls run the real function
 * handler against the local portal, with the model published in it (one request per call reads
 * which version is published). Goal: one function call per open and one per save.
 * Run alone with `npx tsx bench/card.ts`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createElement } from 'react';
import { hubspot, LoadingButton, ScoreCircle, Select, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { remoteBuild } from '@hubspot/ui-extensions-dev-server/build';
import { BantCard } from '../src/app/cards/BantCard';
import { handleCardRequest } from '../src/app/functions/handleCardRequest';
import { createAccountCache } from '../src/app/functions/accountDetails';
import { createUserNamesCache } from '../src/app/functions/cardHistory';
import type { CardHistory, CardResponse, CardSuggestion } from '../src/app/cards/lib/cardApi';
import { cardData, failed, ok, SEED_CONTACT } from '../test/app/fixtures';
import { createCrmClient } from '../src/crm';
import { MODEL_VERSION_SCHEMA } from '../src/modelstore';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../src/portal';
import { createModelResolver, createVersionStore } from '../src/versions';
import { defineBantProperties } from '../test/support/bantPortal';

const ROOT = join(import.meta.dirname, '..');
/** HubSpot requests one card open may take behind its one function call (issue 10). */
const REQUEST_BUDGET = 10;

export interface CardBench {
  bundle: { bytes: number; gzipBytes: number; buildMs: number };
  functionCalls: { open: number; save: number };
  /**
   * HubSpot requests behind one open, by case: `cold`, the first open in a new function (it reads the
   * account's currency once); `warm`, any later open; `withActivities`, a warm open of a contact with
   * all four kinds of activity; `coldWithActivities`, both (the most an open of the default model
   * takes); and one save.
   */
  hubspotRequests: { cold: number; warm: number; withActivities: number; coldWithActivities: number; save: number };
  /** Components on the card before the rep opens anything (the edit panel is an overlay), per state. */
  components: Record<string, number>;
  /** Of those, the reads of which model version is published (the resolver's one request per call). */
  publishedModelRequests: { open: number; save: number };
  /** The budget behind one function call. */
  requestBudget: number;
}

/** Builds the card as HubSpot does; returns its size. */
async function measureBundle(): Promise<CardBench['bundle']> {
  const out = await mkdtemp(join(tmpdir(), 'bant-card-bench-'));
  try {
    const cardDir = join(ROOT, 'src/app/cards');
    const started = performance.now();
    await remoteBuild({ root: cardDir, entryPoint: join(cardDir, 'BantCard.tsx'), outputDir: out, logLevel: 'silent' });
    const buildMs = Math.round(performance.now() - started);
    const bundle = await readFile(join(out, 'BantCard.js'));
    return { bytes: bundle.length, gzipBytes: gzipSync(bundle).length, buildMs };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Opens the card on a seeded contact, changes one answer and saves, counting calls at each step. */
async function measureCalls(): Promise<Pick<CardBench, 'functionCalls' | 'hubspotRequests' | 'publishedModelRequests' | 'requestBudget'>> {
  const running = await startPortal({ rateLimit: false });
  const { portal } = running;
  defineBantProperties(portal, BANT_DEFAULT);
  const contact = portal.createContact({ bant_budget: '100000', bant_authority: 'manager', bant_need: 'perfect', bant_timeline: '3_6_months' });
  const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', dealstage: 'appointmentscheduled' });
  portal.associate('contacts', contact.id, 'deals', deal.id);
  // The card scores with the version published in the portal, as installed: one request per call reads it.
  const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url });
  portal.defineSchema(MODEL_VERSION_SCHEMA);
  const versions = createVersionStore(crm);
  await versions.push(BANT_DEFAULT, { by: 'bench', note: '' });
  await versions.publish(1, { by: 'bench', note: '', at: new Date().toISOString() });
  const models = createModelResolver({ bundled: ACTIVE_MODEL });
  let account = createAccountCache();
  // The names of the people in a contact's history, kept while the function is warm, as installed.
  let names = createUserNamesCache();
  portal.requests.clear();

  const original = hubspot.serverless;
  let calls = 0;
  hubspot.serverless = (async (_name: string, options?: { parameters?: unknown }) => {
    calls += 1;
    return handleCardRequest(options?.parameters, { crm: () => crm, model: models, now: new Date(), account, names });
  }) as typeof hubspot.serverless;

  try {
    const renderer = createRenderer('crm.record.sidebar');
    renderer.mocks.context.crm.objectId = Number(contact.id);
    renderer.render(createElement(BantCard, { context: renderer.mocks.context, actions: renderer.mocks.actions }));
    await renderer.waitFor(() => renderer.findByTestId(ScoreCircle, 'bant-score'), { timeoutInMs: 10_000 });
    const modelReads = () => portal.requests.filter((r) => r.path.includes('/p_bant_model_version/')).length;
    const open = { calls, requests: portal.requests.length, modelReads: modelReads() };

    const authority = renderer.findByTestId(Select, 'bant-input-authority');
    (authority.trigger as (name: 'onChange', value: unknown) => void)('onChange', 'director');
    renderer.findByTestId(LoadingButton, 'bant-save').trigger('onClick');
    await renderer.waitFor(() => {
      if (renderer.mocks.actions.refreshObjectProperties.calls.length !== 1) throw new Error('not saved yet');
    }, { timeoutInMs: 10_000 });
    if (portal.getRecord('contacts', contact.id)?.properties.bant_authority !== 'director') throw new Error('the save did not reach the portal');
    const saved = { calls, requests: portal.requests.length, modelReads: modelReads() };

    /** The requests of one open of `id`, rendered as a rep opens it. */
    const requestsOfOpen = async (id: string): Promise<number> => {
      const before = portal.requests.length;
      const again = createRenderer('crm.record.sidebar');
      again.mocks.context.crm.objectId = Number(id);
      again.render(createElement(BantCard, { context: again.mocks.context, actions: again.mocks.actions }));
      await again.waitFor(() => again.findByTestId(ScoreCircle, 'bant-score'), { timeoutInMs: 10_000 });
      return portal.requests.length - before;
    };
    const warm = await requestsOfOpen(contact.id);
    // A contact with a call, a meeting, a note and an email: one batch read per kind.
    const talked = portal.createContact({ bant_authority: 'manager', jobtitle: 'VP Operations' });
    portal.associate('contacts', talked.id, 'deals', deal.id);
    const day = new Date(Date.now() - 86_400_000).toISOString();
    for (const [type, text] of [['calls', 'hs_call_body'], ['meetings', 'hs_meeting_body'], ['notes', 'hs_note_body'], ['emails', 'hs_email_text']] as const) {
      const activity = portal.createRecord(type, { hs_timestamp: day, [text]: 'We have about 150k approved; decision by end of next month.' });
      portal.associate('contacts', talked.id, type, activity.id);
    }
    const withActivities = await requestsOfOpen(talked.id);
    account = createAccountCache();
    names = createUserNamesCache();
    const coldWithActivities = await requestsOfOpen(talked.id);
    if (coldWithActivities > REQUEST_BUDGET) throw new Error(`a card open took ${coldWithActivities} HubSpot requests; the budget is ${REQUEST_BUDGET}`);
    return {
      functionCalls: { open: open.calls, save: saved.calls - open.calls },
      hubspotRequests: { cold: open.requests, warm, withActivities, coldWithActivities, save: saved.requests - open.requests },
      publishedModelRequests: { open: open.modelReads, save: saved.modelReads - open.modelReads },
      requestBudget: REQUEST_BUDGET,
    };
  } finally {
    hubspot.serverless = original;
    await running.close();
  }
}

interface CountedNode {
  nodeType: string;
  childNodes?: CountedNode[];
}

/** Element nodes under a node, following children only: overlays (the edit panel) are not on the card until opened. */
function countComponents(node: CountedNode): number {
  return (node.nodeType === 'element' ? 1 : 0) + (node.childNodes ?? []).reduce((sum, child) => sum + countComponents(child), 0);
}

const CALL = { id: '501', kind: 'call_note' as const, date: '2026-11-03T15:00:00.000Z' };
const SUGGESTIONS: CardSuggestion[] = [
  { criterion: 'budget', property: 'bant_budget', value: '150000', evidence: 'we have about 150k approved', confidence: 0.9, currency: 'USD', source: CALL },
  { criterion: 'authority', property: 'bant_authority', value: 'director', evidence: 'VP Operations', confidence: 0.8, source: { id: 'jobtitle', kind: 'job_title' } },
  { criterion: 'need', property: 'bant_need', value: 'some', evidence: 'it would be nice to have', confidence: 0.8, source: CALL },
  { criterion: 'timeline', property: 'bant_timeline', value: '1_3_months', evidence: 'decision by end of January', confidence: 0.85, source: CALL },
];

const HISTORY: CardHistory = {
  scores: [{ at: '2026-11-03T10:00:00.000Z', score: 55 }, { at: '2026-11-04T12:00:00.000Z', score: 80 }],
  changes: [{ kind: 'answer', at: '2026-11-03T10:00:00.000Z', criterion: 'budget', property: 'bant_budget', from: '40000', to: '100000', source: { via: 'card', userId: '7' } }],
  older: 0,
  users: { 7: 'Dana Reyes' },
};

/** Renders the card in each state a rep meets and counts what it shows. */
async function measureComponents(): Promise<CardBench['components']> {
  const states: Record<string, CardResponse | null> = {
    qualified: ok(cardData({ contact: SEED_CONTACT })),
    // With its history (folded until opened) and the verdict set by hand beside the model's.
    qualifiedWithHistory: ok({ ...cardData({ contact: { ...SEED_CONTACT, bant_override: 'qualified', bant_override_reason: 'Budget approved', bant_override_by: '7' } }), history: HISTORY }),
    // A suggestion beside every criterion (each contradicting a passing answer: folded until opened).
    qualifiedWithSuggestions: ok({ ...cardData({ contact: SEED_CONTACT }), suggestions: SUGGESTIONS }),
    // A new contact whose calls suggest answers: the criteria with the suggestions open instead of the empty state.
    newWithSuggestions: ok({ ...cardData({ contact: {} }), suggestions: SUGGESTIONS }),
    provisional: ok(cardData({ contact: { bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect' } })),
    notQualified: ok(cardData({ contact: { bant_budget: '20000', bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months' } })),
    empty: ok(cardData({ contact: {} })),
    readOnly: ok(cardData({ contact: SEED_CONTACT, canEdit: false })),
    loadError: failed({ code: 'crm_unavailable', message: 'HubSpot did not answer.', retryable: true }),
    scoringUnavailable: failed({ code: 'model_invalid', message: 'The model is invalid.', retryable: false, problems: [] }),
    loading: null,
  };
  const original = hubspot.serverless;
  const counts: Record<string, number> = {};
  try {
    for (const [state, reply] of Object.entries(states)) {
      hubspot.serverless = (async () => reply ?? new Promise(() => {})) as typeof hubspot.serverless;
      const renderer = createRenderer('crm.record.sidebar');
      renderer.render(createElement(BantCard, { context: renderer.mocks.context, actions: renderer.mocks.actions }));
      const settled = () => {
        const root = renderer.getRootNode();
        if (reply && JSON.stringify(root.toString()).includes('bant-loading')) throw new Error('still loading');
        return root;
      };
      await renderer.waitFor(settled, { timeoutInMs: 10_000 });
      if (state === 'qualified') renderer.findByTestId(Text, 'bant-headline');
      counts[state] = countComponents(renderer.getRootNode());
    }
  } finally {
    hubspot.serverless = original;
  }
  return counts;
}

export async function benchCard(): Promise<CardBench> {
  return { bundle: await measureBundle(), components: await measureComponents(), ...(await measureCalls()) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify({ bench: 'card', ...(await benchCard()) }));
}
