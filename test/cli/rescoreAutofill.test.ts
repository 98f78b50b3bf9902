/** bant rescore with auto-fill on: empty answers filled from the contacts' conversations, in batches, counted when HubSpot confirms. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scoreLead, toDerivedProperties } from '../../src/engine';
import type { Model, RawProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { createPortal, DEFAULT_PORTAL_TOKEN } from '../../src/portal';
import type { Portal } from '../../src/portal';
import { defineBantProperties } from '../support/bantPortal';
import { runCli } from '../support/runCli';
import { seedPublishedModel } from '../versions/support';

const BASE_URL = 'http://127.0.0.1:4011';
const NOW = new Date('2026-11-23T10:00:00.000Z');
const ENV = { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: BASE_URL };
const AUTOFILL: Model = { ...BANT_DEFAULT, suggestions: { ...BANT_DEFAULT.suggestions, autofill: { enabled: true, minConfidence: 0.8 } } };
const DAY = 86_400_000;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let checkpoint: string;
beforeEach(async () => {
  checkpoint = join(await mkdtemp(join(tmpdir(), 'bant-rescore-autofill-')), 'checkpoint.json');
});

function portalWith(model: Model): Portal {
  const portal = createPortal({ account: { companyCurrency: 'EUR' } });
  defineBantProperties(portal, model);
  seedPublishedModel(portal, model);
  server.use(...portal.handlers(BASE_URL));
  return portal;
}

function activity(portal: Portal, contactId: string, type: 'calls' | 'notes' | 'emails' | 'meetings', text: string, daysAgo = 2): string {
  const body = { calls: 'hs_call_body', notes: 'hs_note_body', emails: 'hs_email_text', meetings: 'hs_meeting_body' }[type];
  const id = portal.createRecord(type, { hs_timestamp: new Date(NOW.getTime() - daysAgo * DAY).toISOString(), [body]: text }).id;
  portal.associate('contacts', contactId, type, id);
  return id;
}

const rescore = (args: string[] = []) => runCli(['rescore', '--now', NOW.toISOString(), '--checkpoint', checkpoint, ...args], '', ENV);
const ok = (portal: Portal, method: string, path: string) => portal.requests.filter((r) => r.method === method && r.path === path && r.status < 400);

describe('bant rescore with auto-fill on', () => {
  it('fills only EMPTY answers above the threshold from each contact\'s conversations, stamped as the app\'s, with the score they make', async () => {
    const portal = portalWith(AUTOFILL);
    const talked = portal.createContact({ bant_authority: 'manager' }).id;
    activity(portal, talked, 'calls', 'We have about 150k approved for this.');
    activity(portal, talked, 'notes', 'This is exactly what we need.', 5);
    const dollars = portal.createContact({}).id;
    activity(portal, dollars, 'emails', 'Budget of $200k is approved.');
    const quiet = portal.createContact({ bant_budget: '50000' }).id;
    portal.requests.clear();

    const { code, stdout } = await rescore();
    expect(code).toBe(0);
    const stored = portal.getRecord('contacts', talked)!.properties;
    // Budget and need were empty and are filled; the rep's authority stays.
    expect([stored.bant_budget, stored.bant_need, stored.bant_authority, stored.bant_answered_by]).toEqual(['150000', 'perfect', 'manager', 'app']);
    expect([stored.bant_budget_answered_at, stored.bant_need_answered_at, stored.bant_authority_answered_at ?? null]).toEqual([NOW.toISOString(), NOW.toISOString(), null]);
    const contact = stored as RawProperties;
    expect(stored.bant_score).toBe(toDerivedProperties(AUTOFILL, scoreLead(AUTOFILL, { contact, deals: [] }, NOW), NOW).bant_score);
    // An amount in dollars in a euro portal is never stored as euros.
    expect(portal.getRecord('contacts', dollars)!.properties.bant_budget ?? null).toBeNull();
    expect(portal.getRecord('contacts', quiet)!.properties.bant_budget).toBe('50000');
    expect(stdout.split('\n')[0]).toBe('rescored 3 contacts with bant-default@1 as of 2026-11-23T10:00:00.000Z: 3 written, 0 unchanged, 2 answers filled from conversations.');
    // The portal's currency is read once; the job title and dismissals come with the search.
    expect(ok(portal, 'GET', '/account-info/v3/details').length).toBeLessThanOrEqual(2);
    expect((ok(portal, 'POST', '/crm/v3/objects/contacts/search')[0]?.body as { properties: string[] }).properties).toEqual(expect.arrayContaining(['jobtitle', 'bant_dismissed_suggestions']));
  });

  it('leaves out a suggestion a rep dismissed, and a second run fills nothing more', async () => {
    const portal = portalWith(AUTOFILL);
    const id = portal.createContact({}).id;
    const call = activity(portal, id, 'calls', 'We have about 150k approved for this.');
    portal.updateRecord('contacts', id, { bant_dismissed_suggestions: `budget:${call}` });
    expect((await rescore()).code).toBe(0);
    expect(portal.getRecord('contacts', id)!.properties.bant_budget ?? null).toBeNull();
    portal.requests.clear();
    const again = await rescore();
    expect(again.stdout.split('\n')[0]).toBe('rescored 1 contact with bant-default@1 as of 2026-11-23T10:00:00.000Z: 0 written, 1 unchanged.');
    expect(ok(portal, 'POST', '/crm/v3/objects/contacts/batch/update')).toEqual([]);
  });

  it('writes nothing in a dry run, saying what it would fill', async () => {
    const portal = portalWith(AUTOFILL);
    const id = portal.createContact({}).id;
    activity(portal, id, 'calls', 'We have about 150k approved for this.');
    const { stdout } = await rescore(['--dry-run']);
    expect(stdout).toContain('1 answer would be filled from conversations');
    expect(portal.getRecord('contacts', id)!.properties.bant_budget ?? null).toBeNull();
  });

  it('reads activities in batches: per kind one association read per 1,000 contacts, then 100 activities per read', async () => {
    const portal = portalWith(AUTOFILL);
    for (let i = 0; i < 300; i += 1) {
      const id = portal.createContact({ bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months' }).id;
      if (i % 2 === 0) activity(portal, id, 'calls', `We have about ${100 + i}k approved.`);
      if (i % 3 === 0) activity(portal, id, 'notes', 'Follow up next week.');
    }
    // Answered contacts cost nothing more: no activity is read for them.
    for (let i = 0; i < 100; i += 1) portal.createContact({ bant_budget: '120000', bant_authority: 'director', bant_need: 'perfect', bant_timeline: '1_3_months' });
    portal.requests.clear();
    const { code, stdout } = await rescore();
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/: 400 written, 0 unchanged, 150 answers filled from conversations\.$/);
    const associationReads = portal.requests.filter((r) => r.path.startsWith('/crm/v4/associations/contacts/') && ['calls', 'meetings', 'notes', 'emails'].some((kind) => r.path.endsWith(`/${kind}/batch/read`)));
    expect(associationReads).toHaveLength(4);
    expect((associationReads[0]!.body as { inputs: unknown[] }).inputs).toHaveLength(300);
    expect(ok(portal, 'POST', '/crm/v3/objects/calls/batch/read')).toHaveLength(2);
    expect(ok(portal, 'POST', '/crm/v3/objects/notes/batch/read')).toHaveLength(1);
    const perHundred = portal.requests.length / 4;
    // Searches (2), the deal and company associations of 400 contacts, 4 activity associations, 3 activity reads, 4 writes, the account and the checks.
    expect(perHundred).toBeLessThanOrEqual(5);
  });
});
