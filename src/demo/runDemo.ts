import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { writeDemoBacktest } from './backtestDemo';
import { createCrmClient, createRateLimiter, HUBSPOT_RATE_LIMIT } from '../crm';
import { signRequest } from '../crm/verifySignature';
import { formatNumber } from '../engine';
import type { Model } from '../engine';
import { DEFAULT_PORTAL_TOKEN, seedDemoPortal, startPortal } from '../portal';
import type { Portal } from '../portal';
import type { RecalcReply } from '../recalc/recalculateFromBody';
import { startReceiver } from '../receiver/startReceiver';
import { createModelResolver, RECEIVER_MODEL_TTL_MS } from '../versions';

export const DEMO_CLIENT_SECRET = 'local-demo-client-secret';
const BUNDLED_MODEL = 'src/models/bant-model.json';
const PUSH_NOTE = 'The bundled model, as the first version';
const PUBLISH_NOTE = 'Go live';
const DEMO_USER = 'demo (npm start)';
const PROJECT_ROOT = join(import.meta.dirname, '../..');
/** Where the demo keeps its files (the backtest report, its rescore checkpoint), apart from a real portal's. */
const DEMO_DIR = join('.bant', 'demo');

export interface DemoOptions {
  model: Model;
  out: Writable;
  /** Runs a `bant` command against the demo portal (setup, rescore), printing what it prints. */
  bant: (args: string[], env: NodeJS.ProcessEnv) => Promise<number>;
  portalPort?: number;
  receiverPort?: number;
  contacts?: number;
  /** Stop after the script instead of serving (`bant demo --once`). */
  once?: boolean;
  /** Where the backtest report and the rescore checkpoint go (default .bant/demo). */
  reportDir?: string;
}

export interface RunningDemo {
  portalUrl: string;
  receiverUrl: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** One scripted change: what a HubSpot user does to a deal, and the webhook HubSpot would send. */
interface Step {
  title: string;
  /** Makes the change in the portal; returns the webhook event and what changed, in words. */
  change: (portal: Portal) => { event: { objectTypeId: '0-1' | '0-3'; objectId: string; propertyName: string; propertyValue: string }; what: string } | null;
}

/**
 * The main job on the local portal: seed a realistic demo account, create the BANT properties
 * and the model versions object (`bant setup`), store and publish the bundled model as version 1
 * (`bant model push`, `bant model publish`), score every contact (`bant rescore`), start the receiver, then play deal changes
 * as signed webhooks and print which contacts changed and how. Keeps serving until closed.
 */
export async function runDemo(options: DemoOptions): Promise<RunningDemo> {
  const print = (line = '') => options.out.write(`${line}\n`);
  const now = Date.now();
  const running = await startPortal({ port: options.portalPort ?? 0 });
  const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: running.url, limiter: createRateLimiter(HUBSPOT_RATE_LIMIT) });
  const names = (id: string) => {
    const p = running.portal.getRecord('contacts', id)?.properties ?? {};
    return `${p.firstname ?? ''} ${p.lastname ?? ''}`.trim() || `contact ${id}`;
  };
  // Every delivery the receiver handles is printed: the scripted ones and any a user sends while it serves.
  const printDelivery = (line: string, reply?: RecalcReply) => {
    print(`  ${new Date().toISOString().slice(11, 19)} receiver: ${line}`);
    for (const contact of reply?.report?.contacts ?? []) {
      const score = contact.changes.bant_score;
      const grade = contact.changes.bant_grade;
      const moved = score ? `score ${score[0] ?? '—'} → ${score[1]}` : `score ${formatNumber(contact.result?.score ?? 0)} unchanged`;
      print(`    ${names(contact.id)} (${contact.id}): ${contact.status}, ${moved}${grade ? `, grade ${grade[0] ?? '—'} → ${grade[1]}` : ''}`);
    }
  };
  // The receiver scores with the version published below (read at most every 5 s), as bant receiver does.
  const published = createModelResolver({ bundled: { ok: true, model: options.model }, ttlMs: RECEIVER_MODEL_TTL_MS });
  const model = async () => (await published.resolve(crm)).model;
  const receiver = await startReceiver({ crm, model, now: () => new Date(), clientSecret: DEMO_CLIENT_SECRET, port: options.receiverPort ?? 0, log: printDelivery })
    .catch(async (error: unknown) => {
      await running.close();
      throw error;
    });
  const seeded = seedDemoPortal(running.portal, { contacts: options.contacts ?? 300, now });
  print(`Local HubSpot portal on ${running.url}: ${seeded.contacts.length} contacts, ${seeded.deals.length} deals, ${seeded.companies.length} companies (rate limit 190 requests / 10 s).`);
  const env = { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: running.url, HUBSPOT_CLIENT_SECRET: DEMO_CLIENT_SECRET };

  print('\n$ bant setup');
  const setup = await options.bant(['setup'], env);
  // The model's home is the portal: the bundled model becomes version 1 and is published.
  print(`\n$ bant model push ${BUNDLED_MODEL} --note "${PUSH_NOTE}"`);
  const push = await options.bant(['model', 'push', join(PROJECT_ROOT, BUNDLED_MODEL), '--note', PUSH_NOTE], { ...env, BANT_USER: DEMO_USER });
  print(`\n$ bant model publish 1 --note "${PUBLISH_NOTE}"`);
  const publish = await options.bant(['model', 'publish', '1', '--note', PUBLISH_NOTE], { ...env, BANT_USER: DEMO_USER });
  // The demo's own checkpoint, never resumed: each demo seeds a new portal, so nothing of another run applies.
  const rescoreArgs = ['rescore', '--checkpoint', join(options.reportDir ?? DEMO_DIR, 'rescore-checkpoint.json'), '--restart'];
  print(`\n$ bant ${rescoreArgs.join(' ')}`);
  const rescore = await options.bant(rescoreArgs, env);
  if (setup !== 0 || push !== 0 || publish !== 0 || rescore !== 0) {
    await receiver.close();
    await running.close();
    throw new Error(`the demo could not prepare the portal (bant setup exited ${setup}, bant model push ${push}, bant model publish ${publish}, bant rescore ${rescore})`);
  }

  print(`\nReceiver on ${receiver.url}: playing deal changes as signed HubSpot webhooks.`);

  let eventId = 1;
  let firstDelivery: string | undefined;
  for (const step of scriptedSteps(options.model, now)) {
    const changed = step.change(running.portal);
    if (!changed) continue;
    const { event, what } = changed;
    const body = JSON.stringify([{ eventId: eventId++, subscriptionType: 'object.propertyChange', occurredAt: Date.now(), attemptNumber: 0, changeSource: 'CRM_UI', ...event, objectId: Number(event.objectId) }]);
    const calls = running.portal.requests.length;
    firstDelivery ??= body;
    print(`\n• ${step.title}: ${what}`);
    const status = await post(`${receiver.url}/webhooks`, body);
    print(`  → ${status} (${running.portal.requests.length - calls} API calls)`);
  }
  if (firstDelivery) {
    print('\n• HubSpot delivers the first event again: the receiver has handled it already, so it asks HubSpot nothing');
    const calls = running.portal.requests.length;
    const status = await post(`${receiver.url}/webhooks`, firstDelivery);
    print(`  → ${status} (${running.portal.requests.length - calls} API calls)`);
  }

  const { file, report } = await writeDemoBacktest(options.reportDir ?? DEMO_DIR);
  const metrics = report.models[0];
  if (metrics) {
    const grades = metrics.grades.map((g) => `${g.grade} ${g.winRate === null ? '—' : `${Math.round(g.winRate * 100)}%`}`).join(', ');
    print(`\nBacktest of the demo export (${metrics.leads} closed leads, ${metrics.won} won): win rate by grade ${grades}.`);
    print(`  Report with the precision–recall curve: ${file}`);
  }

  if (options.once) {
    print('\nDone (--once): the portal and the receiver stop now. Run npm start without --once to keep them serving.');
  } else {
    print(`\nServing until you press Ctrl-C; every delivery the receiver handles is printed here:
  portal    ${running.url}   (token ${DEFAULT_PORTAL_TOKEN})
  receiver  ${receiver.url}   (POST /, /webhooks or /workflow-action, signed with client secret ${DEMO_CLIENT_SECRET})
Try, in another terminal:
  HUBSPOT_API_BASE_URL=${running.url} PRIVATE_APP_ACCESS_TOKEN=${DEFAULT_PORTAL_TOKEN} npx bant rescore --dry-run
  echo '{"contact":{"bant_budget":"100000","bant_authority":"manager","bant_need":"perfect","bant_timeline":"3_6_months"}}' | npx bant score --format table`);
  }
  return {
    portalUrl: running.url,
    receiverUrl: receiver.url,
    env,
    close: async () => {
      await receiver.close();
      await running.close();
    },
  };
}

/** Sends a delivery signed as HubSpot would; the receiver's log prints what it did. */
async function post(url: string, body: string): Promise<number> {
  const timestamp = Date.now();
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'X-HubSpot-Signature-v3': signRequest('POST', url, body, DEMO_CLIENT_SECRET, timestamp), 'X-HubSpot-Request-Timestamp': String(timestamp) } });
  await response.arrayBuffer();
  return response.status;
}

/** Deals worth changing: open, with contacts that have no budget or timeline answer of their own. */
function scriptedSteps(model: Model, now: number): Step[] {
  const openDealsWithContacts = (portal: Portal, unanswered: string) =>
    [...portal.store.objects.deals.keys()]
      .map((id) => portal.getRecord('deals', id))
      .filter((deal): deal is NonNullable<typeof deal> => !!deal && deal.properties.hs_is_closed !== 'true')
      .filter((deal) => portal.associatedIds('deals', deal.id, 'contacts').some((c) => !portal.getRecord('contacts', c)?.properties[unanswered]))
      .sort((a, b) => Number(a.id) - Number(b.id));
  const budget = model.criteria.find((c) => c.key === 'budget') ? 'bant_budget' : '';
  const timeline = model.criteria.find((c) => c.key === 'timeline') ? 'bant_timeline' : '';
  const steps: Step[] = [
    {
      title: 'A rep raises a deal amount',
      change: (portal) => {
        const deal = openDealsWithContacts(portal, budget).find((d) => Number(d.properties.amount) < 50_000);
        if (!deal) return null;
        portal.updateRecord('deals', deal.id, { amount: '150000' });
        return { event: { objectTypeId: '0-3', objectId: deal.id, propertyName: 'amount', propertyValue: '150000' }, what: `"${deal.properties.dealname}" amount ${Number(deal.properties.amount).toLocaleString('en-US')} → 150,000` };
      },
    },
    {
      title: 'A deal closes as won, so its contacts fall back to their next open deal',
      change: (portal) => {
        const deal = openDealsWithContacts(portal, budget)[3];
        if (!deal) return null;
        portal.updateRecord('deals', deal.id, { dealstage: 'closedwon' });
        return { event: { objectTypeId: '0-3', objectId: deal.id, propertyName: 'dealstage', propertyValue: 'closedwon' }, what: `"${deal.properties.dealname}" stage ${deal.properties.dealstage} → closedwon` };
      },
    },
    {
      title: 'A close date slips by nine months',
      change: (portal) => {
        const deal = openDealsWithContacts(portal, timeline).find((d) => Date.parse(d.properties.closedate ?? '') < now + 90 * 86_400_000);
        if (!deal) return null;
        const later = String(now + 270 * 86_400_000);
        portal.updateRecord('deals', deal.id, { closedate: later });
        const day = (value: string) => new Date(/^\d+$/.test(value) ? Number(value) : Date.parse(value)).toISOString().slice(0, 10);
        return { event: { objectTypeId: '0-3', objectId: deal.id, propertyName: 'closedate', propertyValue: later }, what: `"${deal.properties.dealname}" close date ${day(deal.properties.closedate ?? '0')} → ${day(later)}` };
      },
    },
    {
      title: 'A rep edits an answer in HubSpot\'s own record view',
      change: (portal) => {
        const contact = [...portal.store.objects.contacts.keys()].map((id) => portal.getRecord('contacts', id)!).find((c) => c.properties.bant_need === 'low');
        if (!contact) return null;
        portal.updateRecord('contacts', contact.id, { bant_need: 'perfect' });
        return { event: { objectTypeId: '0-1', objectId: contact.id, propertyName: 'bant_need', propertyValue: 'perfect' }, what: `contact ${contact.id} need low → perfect` };
      },
    },
    {
      title: 'The app\'s own write comes back as an event and is ignored',
      change: (portal) => {
        const contact = [...portal.store.objects.contacts.keys()][0];
        return contact ? { event: { objectTypeId: '0-1', objectId: contact, propertyName: 'bant_score', propertyValue: '0' }, what: `contact ${contact} bant_score` } : null;
      },
    },
  ];
  return steps;
}
