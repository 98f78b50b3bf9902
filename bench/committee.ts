/**
 * The buying-committee card's cost: the bundle HubSpot's own card build makes, the function calls
 * and HubSpot requests behind one open (a deal, a company, a company of 300 contacts; cold: the
 * account's currency read too; warm: kept), the components it shows, and how fast the pure roll-up
 * runs for committees of 2, 30 and 300 (median of repeated runs; the machine is shared).
 * The card is rendered with HubSpot's testing renderer; its `hubspot.serverless` call runs the real
 * function handler against the local portal, the model published in it.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createElement } from 'react';
import { hubspot, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { remoteBuild } from '@hubspot/ui-extensions-dev-server/build';
import { CommitteeCard } from '../src/app/cards/CommitteeCard';
import { createAccountCache } from '../src/app/functions/accountDetails';
import { handleCommitteeRequest } from '../src/app/functions/handleCommitteeRequest';
import { rollupCommittee } from '../src/committee';
import type { CommitteeMember } from '../src/committee';
import { createCrmClient } from '../src/crm';
import type { Model } from '../src/engine';
import { MODEL_VERSION_SCHEMA } from '../src/modelstore';
import { BANT_DEFAULT } from '../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../src/portal';
import { createModelResolver, createVersionStore } from '../src/versions';
import { defineBantProperties } from '../test/support/bantPortal';
import { median } from './stats';

const ROOT = join(import.meta.dirname, '..');
const REQUEST_BUDGET = 10;
const MODEL: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };
const AUTHORITY = ['c_level', 'director', 'manager', 'other'];
const NEED = ['perfect', 'partial', 'low'];

export async function benchCommittee() {
  return { bundle: await measureBundle(), ...(await measureOpens()), rollupMs: measureRollup() };
}

async function measureBundle() {
  const out = await mkdtemp(join(tmpdir(), 'bant-committee-bench-'));
  try {
    const cardDir = join(ROOT, 'src/app/cards');
    const started = performance.now();
    await remoteBuild({ root: cardDir, entryPoint: join(cardDir, 'CommitteeCard.tsx'), outputDir: out, logLevel: 'silent' });
    const buildMs = Math.round(performance.now() - started);
    const bundle = await readFile(join(out, 'CommitteeCard.js'));
    return { bytes: bundle.length, gzipBytes: gzipSync(bundle).length, buildMs };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Opens the card on a deal and on companies, as a manager would, counting calls and components. */
async function measureOpens() {
  const running = await startPortal({ rateLimit: false });
  const { portal } = running;
  defineBantProperties(portal, MODEL);
  const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url });
  portal.defineSchema(MODEL_VERSION_SCHEMA);
  const versions = createVersionStore(crm);
  await versions.push(MODEL, { by: 'bench', note: '' });
  await versions.publish(1, { by: 'bench', note: '', at: new Date().toISOString() });
  const models = createModelResolver({ bundled: { ok: true, model: MODEL } });
  let account = createAccountCache();

  const contact = (i: number) => portal.createContact({ firstname: `P${i}`, lastname: 'Bench', bant_authority: AUTHORITY[i % 4]!, bant_need: NEED[i % 3]! }).id;
  const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '120000', closedate: '2027-01-15', dealstage: 'qualifiedtobuy' }).id;
  const company = portal.createCompany({ name: 'Acme' }).id;
  const big = portal.createCompany({ name: 'Bigco' }).id;
  for (let i = 0; i < 30; i++) {
    const id = contact(i);
    portal.associate('deals', deal, 'contacts', id);
    portal.associate('contacts', id, 'companies', company);
  }
  portal.associate('deals', deal, 'companies', company);
  for (let i = 0; i < 300; i++) portal.associate('contacts', contact(i), 'companies', big);

  const original = hubspot.serverless;
  let calls = 0;
  hubspot.serverless = (async (_name: string, options?: { parameters?: unknown }) => {
    calls += 1;
    return handleCommitteeRequest(options?.parameters, { crm: () => crm, model: models, now: new Date(), account });
  }) as typeof hubspot.serverless;
  /** One open of a record: function calls, HubSpot requests, components on the card. */
  const open = async (objectTypeId: '0-3' | '0-2', objectId: string) => {
    const [callsBefore, requestsBefore] = [calls, portal.requests.length];
    const renderer = createRenderer('crm.record.sidebar');
    renderer.render(createElement(CommitteeCard, { context: { ...renderer.mocks.context, crm: { objectId: Number(objectId), objectTypeId } } }));
    await renderer.waitFor(() => renderer.findByTestId(Text, 'bant-committee-size'), { timeoutInMs: 20_000 });
    const requests = portal.requests.length - requestsBefore;
    if (requests > REQUEST_BUDGET) throw new Error(`a committee card open took ${requests} HubSpot requests; the budget is ${REQUEST_BUDGET}`);
    return { calls: calls - callsBefore, requests, components: countComponents(renderer.getRootNode()) };
  };
  try {
    const dealCold = await open('0-3', deal);
    const dealWarm = await open('0-3', deal);
    account = createAccountCache();
    const companyCold = await open('0-2', company);
    const companyWarm = await open('0-2', company);
    const company300Warm = await open('0-2', big);
    return {
      functionCallsPerOpen: dealCold.calls,
      hubspotRequests: { dealCold: dealCold.requests, dealWarm: dealWarm.requests, companyCold: companyCold.requests, companyWarm: companyWarm.requests, company300Warm: company300Warm.requests },
      components: { deal30: dealWarm.components, company300: company300Warm.components },
      requestBudget: REQUEST_BUDGET,
    };
  } finally {
    hubspot.serverless = original;
    await running.close();
  }
}

/** Milliseconds per roll-up (median of 50 after 5 warm-up runs) for committees of 2, 30 and 300. */
function measureRollup(): Record<string, number> {
  const now = new Date();
  const deal = { id: '9', properties: { dealname: 'Acme', amount: '120000', closedate: '2027-01-15', hs_is_closed: 'false' } };
  const sizes: Record<string, number> = {};
  for (const size of [2, 30, 300]) {
    const members: CommitteeMember[] = Array.from({ length: size }, (_, i) => ({ id: String(i), contact: { firstname: `P${i}`, bant_authority: AUTHORITY[i % 4]!, bant_need: NEED[i % 3]!, bant_budget: String(10_000 * (i % 20)) } }));
    const times: number[] = [];
    for (let run = 0; run < 55; run++) {
      const started = performance.now();
      rollupCommittee(MODEL, { object: 'deal', id: '9', deals: [deal], members }, now);
      if (run >= 5) times.push(performance.now() - started);
    }
    sizes[`members${size}`] = Math.round(median(times) * 1000) / 1000;
  }
  return sizes;
}

interface CountedNode {
  nodeType: string;
  childNodes?: CountedNode[];
}

/** Element nodes under a node, following children only: the contacts' panel is not on the card until opened. */
function countComponents(node: CountedNode): number {
  return (node.nodeType === 'element' ? 1 : 0) + (node.childNodes ?? []).reduce((sum, child) => sum + countComponents(child), 0);
}
