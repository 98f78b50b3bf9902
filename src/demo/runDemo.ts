import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { writeDemoBacktest } from './backtestDemo';
import { createCrmClient, createRateLimiter, HUBSPOT_RATE_LIMIT } from '../crm';
import { signRequest } from '../crm/verifySignature';
import { describeGap, rollupCommittee } from '../committee';
import type { CommitteeResult } from '../committee';
import { englishText, formatNumber } from '../engine';
import type { Model } from '../engine';
import { DEFAULT_PORTAL_TOKEN, seedDemoPortal, startPortal } from '../portal';
import type { Portal } from '../portal';
import type { RecalcReply } from '../recalc/recalculateFromBody';
import { startReceiver } from '../receiver/startReceiver';
import { createModelResolver, RECEIVER_MODEL_TTL_MS } from '../versions';

export const DEMO_CLIENT_SECRET = 'local-demo-client-secret';
const BUNDLED_MODEL = 'src/models/bant-model.json';
const PUSH_NOTE = 'The bundled model, rolling up deal committees';
/** The demo's model: the bundled one with deal committees stored on deals (off by default), written beside the demo's other files. */
const DEMO_MODEL_FILE = 'bant-model.json';
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

/** The webhook HubSpot would send for a change, without the fields every delivery sets. */
type StepEvent =
  | { subscriptionType: 'object.propertyChange'; objectTypeId: '0-1' | '0-3'; objectId: string; propertyName: string; propertyValue: string }
  | { subscriptionType: 'object.associationChange'; fromObjectTypeId: '0-3'; fromObjectId: string; toObjectTypeId: '0-1'; toObjectId: string; associationType: 'DEAL_TO_CONTACT'; associationRemoved: false };

/** One scripted change: what a HubSpot user does to a deal, and the webhook HubSpot would send. */
interface Step {
  title: string;
  /** Makes the change in the portal; returns the webhook event and what changed, in words. */
  change: (portal: Portal) => { event: StepEvent; what: string } | null;
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
    for (const committee of reply?.report?.committees ?? []) {
      if (committee.status === 'unchanged') continue;
      print(`    ${committeeLine(running.portal, committee)}`);
      // The criterion the committee now takes from someone else, in words, when the verdict moved.
      if (committee.changes.bant_qualified && committee.result) {
        for (const line of committeeDetail(deals.model, committee.result)) print(`      ${line}`);
      }
    }
  };
  // The demo's model: the bundled one, storing each deal's committee roll-up on the deal.
  const reportDir = options.reportDir ?? DEMO_DIR;
  const modelFile = join(reportDir, DEMO_MODEL_FILE);
  const deals = { model: { ...options.model, committee: { roleCriterion: 'authority', companies: false, ...options.model.committee, deals: true } } satisfies Model };
  const raw = JSON.parse(await readFile(join(PROJECT_ROOT, BUNDLED_MODEL), 'utf8')) as { committee?: Record<string, unknown> };
  await mkdir(reportDir, { recursive: true });
  await writeFile(modelFile, `${JSON.stringify({ ...raw, committee: { ...raw.committee, deals: true } }, null, 2)}\n`);
  // The receiver scores with the version published below (read at most every 5 s), as bant receiver does.
  const published = createModelResolver({ bundled: { ok: true, model: options.model }, ttlMs: RECEIVER_MODEL_TTL_MS });
  const model = async () => (await published.resolve(crm)).model;
  const receiver = await startReceiver({ crm, model, now: () => new Date(), clientSecret: DEMO_CLIENT_SECRET, port: options.receiverPort ?? 0, log: printDelivery })
    .catch(async (error: unknown) => {
      await running.close();
      throw error;
    });
  const close = async () => {
    await receiver.close();
    await running.close();
  };
  // Whatever stops the script (a command that failed, a file it cannot write), the portal and the receiver stop with it.
  try {
    const seeded = seedDemoPortal(running.portal, { contacts: options.contacts ?? 300, now });
    print(`Local HubSpot portal on ${running.url}: ${seeded.contacts.length} contacts, ${seeded.deals.length} deals, ${seeded.companies.length} companies (rate limit 190 requests / 10 s).`);
    const env = { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: running.url, HUBSPOT_CLIENT_SECRET: DEMO_CLIENT_SECRET };

    // The bundled model with deal committees turned on ("committee": { "deals": true }): setup creates the deal properties too.
    print(`\n$ bant setup --model ${modelFile}`);
    const setup = await options.bant(['setup', '--model', modelFile], env);
    // The model's home is the portal: it becomes version 1 and is published.
    print(`\n$ bant model push ${modelFile} --note "${PUSH_NOTE}"`);
    const push = await options.bant(['model', 'push', modelFile, '--note', PUSH_NOTE], { ...env, BANT_USER: DEMO_USER });
    print(`\n$ bant model publish 1 --note "${PUBLISH_NOTE}"`);
    const publish = await options.bant(['model', 'publish', '1', '--note', PUBLISH_NOTE], { ...env, BANT_USER: DEMO_USER });
    // The demo's own checkpoint, never resumed: each demo seeds a new portal, so nothing of another run applies.
    const rescoreArgs = ['rescore', '--checkpoint', join(reportDir, 'rescore-checkpoint.json'), '--restart'];
    print(`\n$ bant ${rescoreArgs.join(' ')}`);
    const rescore = await options.bant(rescoreArgs, env);
    if (setup !== 0 || push !== 0 || publish !== 0 || rescore !== 0) {
      throw new Error(`the demo could not prepare the portal (bant setup exited ${setup}, bant model push ${push}, bant model publish ${publish}, bant rescore ${rescore})`);
    }

    print(`\nReceiver on ${receiver.url}: playing deal changes as signed HubSpot webhooks.`);

    let eventId = 1;
    let firstDelivery: string | undefined;
    for (const step of scriptedSteps(deals.model, now)) {
      const changed = step.change(running.portal);
      if (!changed) continue;
      const { event, what } = changed;
      const ids = event.subscriptionType === 'object.propertyChange'
        ? { objectId: Number(event.objectId) }
        : { fromObjectId: Number(event.fromObjectId), toObjectId: Number(event.toObjectId) };
      const body = JSON.stringify([{ eventId: eventId++, occurredAt: Date.now(), attemptNumber: 0, changeSource: 'CRM_UI', ...event, ...ids }]);
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

    const { file, report } = await writeDemoBacktest(reportDir);
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
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
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
        return { event: propertyChange('0-3', deal.id, 'amount', '150000'), what: `"${deal.properties.dealname}" amount ${Number(deal.properties.amount).toLocaleString('en-US')} → 150,000` };
      },
    },
    {
      title: 'A deal closes as won, so its contacts fall back to their next open deal',
      change: (portal) => {
        const deal = openDealsWithContacts(portal, budget)[3];
        if (!deal) return null;
        portal.updateRecord('deals', deal.id, { dealstage: 'closedwon' });
        return { event: propertyChange('0-3', deal.id, 'dealstage', 'closedwon'), what: `"${deal.properties.dealname}" stage ${deal.properties.dealstage} → closedwon` };
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
        return { event: propertyChange('0-3', deal.id, 'closedate', later), what: `"${deal.properties.dealname}" close date ${day(deal.properties.closedate ?? '0')} → ${day(later)}` };
      },
    },
    {
      title: 'A rep edits an answer in HubSpot\'s own record view',
      change: (portal) => {
        const contact = [...portal.store.objects.contacts.keys()].map((id) => portal.getRecord('contacts', id)!).find((c) => c.properties.bant_need === 'low');
        if (!contact) return null;
        portal.updateRecord('contacts', contact.id, { bant_need: 'perfect' });
        return { event: propertyChange('0-1', contact.id, 'bant_need', 'perfect'), what: `contact ${contact.id} need low → perfect` };
      },
    },
    {
      title: 'A director joins a deal\'s buying committee, which completes it',
      change: (portal) => {
        const found = committeeToComplete(portal, model, now);
        if (!found) return null;
        const { deal, before } = found;
        const joined = portal.createContact({ firstname: 'Dana', lastname: 'Reyes', jobtitle: 'Director of Operations', bant_authority: 'director', createdate: String(now) });
        portal.associate('deals', deal.id, 'contacts', joined.id);
        const gap = before.gaps.find((g) => g.kind !== 'invalid' && g.role);
        return {
          event: { subscriptionType: 'object.associationChange', fromObjectTypeId: '0-3', fromObjectId: deal.id, toObjectTypeId: '0-1', toObjectId: joined.id, associationType: 'DEAL_TO_CONTACT', associationRemoved: false },
          what: `Dana Reyes (Director of Operations) joins "${deal.properties.dealname}" (${before.committeeSize} contacts, score ${before.score}, not qualified: ${gap ? describeGap(model, gap) : 'no one senior enough'})`,
        };
      },
    },
    {
      title: 'The app\'s own write comes back as an event and is ignored',
      change: (portal) => {
        const contact = [...portal.store.objects.contacts.keys()][0];
        return contact ? { event: propertyChange('0-1', contact, 'bant_score', '0'), what: `contact ${contact} bant_score` } : null;
      },
    },
  ];
  return steps;
}

function propertyChange(objectTypeId: '0-1' | '0-3', objectId: string, propertyName: string, propertyValue: string): StepEvent {
  return { subscriptionType: 'object.propertyChange', objectTypeId, objectId, propertyName, propertyValue };
}

/**
 * An open deal whose committee lacks only someone senior: not qualified as it stands, qualified
 * once a director joins (rolled up by the same pure roll-up the receiver uses). The lowest id wins.
 */
function committeeToComplete(portal: Portal, model: Model, now: number): { deal: { id: string; properties: Record<string, string> }; before: CommitteeResult } | null {
  const at = new Date(now);
  const director = { id: 'director', contact: { bant_authority: 'director' } };
  const ids = [...portal.store.objects.deals.keys()].sort((a, b) => Number(a) - Number(b));
  for (const id of ids) {
    const record = portal.getRecord('deals', id);
    if (!record || record.properties.hs_is_closed === 'true') continue;
    const properties = record.properties as Record<string, string>;
    const members = portal.associatedIds('deals', id, 'contacts').map((contactId) => ({ id: contactId, contact: (portal.getRecord('contacts', contactId)?.properties ?? {}) as Record<string, string> }));
    if (members.length === 0) continue;
    const input = { object: 'deal' as const, id, deals: [{ id, properties }], members };
    const before = rollupCommittee(model, input, at);
    if (before.qualified) continue;
    if (rollupCommittee(model, { ...input, members: [...members, director] }, at).qualified) return { deal: { id, properties }, before };
  }
  return null;
}

/** A committee the receiver rolled up, in one line: the deal, its score and verdict before → after, its size. */
function committeeLine(portal: Portal, committee: NonNullable<RecalcReply['report']>['committees'][number]): string {
  const record = portal.getRecord(committee.object === 'deal' ? 'deals' : 'companies', committee.id)?.properties ?? {};
  const name = (committee.object === 'deal' ? record.dealname : record.name) ?? committee.id;
  const { bant_score: score, bant_qualified: qualified, bant_committee_size: size } = committee.changes;
  const verdict = (value: string | null | undefined) => (value === 'true' ? 'qualified' : value === 'false' ? 'not qualified' : '—');
  const parts = [
    score ? `score ${score[0] ?? '—'} → ${score[1]}` : `score ${formatNumber(committee.result?.score ?? 0)} unchanged`,
    ...(qualified ? [`${verdict(qualified[0])} → ${verdict(qualified[1])}`] : []),
    ...(size ? [`committee ${size[0] ?? '—'} → ${size[1]} contacts`] : []),
  ];
  return `${committee.object} "${name}" (${committee.id}): ${committee.status}, ${parts.join(', ')}`;
}

/** Whose evidence the role criterion now takes, and what is still missing, in words. */
function committeeDetail(model: Model, result: CommitteeResult): string[] {
  const role = result.criteria.find((c) => c.key === model.committee?.roleCriterion);
  const criterion = model.criteria.find((c) => c.key === role?.key);
  const lines = role?.from && criterion ? [`${englishText(criterion.label)}: ${role.display ?? role.value}, from ${role.from.kind === 'contact' ? role.from.name : `${role.from.kind} ${role.from.name ?? role.from.id}`}`] : [];
  return [...lines, ...result.gaps.map((gap) => `still: ${describeGap(model, gap)}`)];
}
