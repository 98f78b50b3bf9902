import { afterEach, describe, expect, it } from 'vitest';
import { createCrmClient } from '../../src/crm';
import { scoreLead, toDerivedProperties } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { DEFAULT_PORTAL_TOKEN, startPortal } from '../../src/portal';
import type { RunningPortal } from '../../src/portal';
import { refreshContacts } from '../../src/recalc/refreshContacts';
import { runCli } from '../support/runCli';

let running: RunningPortal | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

/**
 * A disputed lead told as it happened: Dana imports it, saves budget and need on the card, a deal's
 * amount changes and the app recalculates, Dana overrides the verdict.
 */
async function disputedLead() {
  let now = Date.UTC(2026, 10, 3, 9);
  running = await startPortal({ rateLimit: false, now: () => now });
  const { portal, url } = running;
  const env = { PRIVATE_APP_ACCESS_TOKEN: DEFAULT_PORTAL_TOKEN, HUBSPOT_API_BASE_URL: url };
  expect((await runCli(['setup'], '', env)).code).toBe(0);
  const crm = createCrmClient({ accessToken: DEFAULT_PORTAL_TOKEN, baseUrl: url });
  const dana = portal.defineUser({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });
  const contact = portal.createContact({ email: 'buyer@acme.example', bant_authority: 'manager', bant_timeline: '3_6_months' }, { sourceType: 'IMPORT', sourceId: '5501', updatedByUserId: Number(dana.id) });
  const deal = portal.createDeal({ dealname: 'Acme renewal', amount: '40000', closedate: '2027-01-15' }, portal.asUser(Number(dana.id)));
  portal.associate('contacts', contact.id, 'deals', deal.id);

  now += 3_600_000;
  const card = async (answers: Record<string, string>, extra: Record<string, string> = {}) => {
    const stored = portal.getRecord('contacts', contact.id)!.properties;
    const lead = { contact: { ...stored, ...answers, ...extra }, deals: [{ id: deal.id, properties: portal.getRecord('deals', deal.id)!.properties }] };
    const at = new Date(now);
    const stamps = Object.fromEntries(Object.keys(answers).map((property) => [`${property}_answered_at`, at.toISOString()]));
    const { failed } = await crm.updateContacts([{ id: contact.id, properties: { ...answers, ...stamps, bant_answered_by: dana.id, ...extra, ...toDerivedProperties(BANT_DEFAULT, scoreLead(BANT_DEFAULT, lead, at), at) } }]);
    expect(failed).toEqual([]);
  };
  await card({ bant_need: 'perfect' });
  now = Date.UTC(2026, 10, 4, 11, 59);
  portal.updateRecord('deals', deal.id, { amount: '150000' }, portal.asUser(Number(dana.id)));
  now += 60_000;
  await refreshContacts(crm, BANT_DEFAULT, [contact.id], new Date(now));
  now = Date.UTC(2026, 10, 6, 15);
  await card({}, { bant_override: 'not_qualified', bant_override_reason: 'Budget is for next fiscal year', bant_override_by: dana.id, bant_override_until: '2026-12-31' });
  return { env, contactId: contact.id, portal };
}

describe('bant explain --contact', () => {
  it('tells a manager what the score is, what is stored, the override, and who changed what and why the score moved', async () => {
    const { env, contactId } = await disputedLead();

    const { code, stdout, stderr } = await runCli(['explain', '--contact', contactId], '', env);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Contact ${contactId}, model bant-default@1, as of \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\n`));
    expect(stdout).toContain('Score 80 of 100, grade A (Top score), Qualified; overridden to Not qualified by hand (routing follows it)\n');
    expect(stdout).toContain('Next: Send to sales, not urgent. Completeness 100%. Deal: "Acme renewal".\n');
    expect(stdout).toContain('Stored in HubSpot: score 80, qualified, grade A, scored 2026-11-06 15:00 UTC with bant-default@1 (up to date).\n');
    expect(stdout).toMatch(/ {2}Need +25\/25 +met +Perfect match .* answered 2026-11-03 10:00 UTC\n/);
    expect(stdout).toContain('  Last saved on the card by Dana Reyes.\n');
    expect(stdout).toContain('Override: Not qualified by Dana Reyes: "Budget is for next fiscal year", until 2026-12-31.\n');
    expect(stdout).toContain([
      'History, newest first (7 changes)',
      '  - Overridden to Not qualified by Dana Reyes: "Budget is for next fiscal year", until 2026-12-31, 2026-11-06 15:00 UTC (BANT card)',
      '  - Score 50 → 80 after deal "Acme renewal" amount changed (40,000 → 150,000); now qualified, 2026-11-04 12:00 UTC (recalculation)',
      '  - Score set to 50 after Need changed; not qualified, 2026-11-03 10:00 UTC (BANT card)',
      '  - Scored with model bant-default@1, 2026-11-03 10:00 UTC',
      '  - Need set to Perfect match by Dana Reyes, 2026-11-03 10:00 UTC (BANT card)',
      '  - Authority set to Manager by Dana Reyes, 2026-11-03 09:00 UTC (import)',
      '  - Timeline set to 3–6 months by Dana Reyes, 2026-11-03 09:00 UTC (import)',
      '',
      'Score over time: 50 (2026-11-03 10:00 UTC) → 80 (2026-11-04 12:00 UTC)',
    ].join('\n'));
  });

  it('shows times in the zone asked for and prints one JSON object with --json', async () => {
    const { env, contactId } = await disputedLead();

    const text = await runCli(['explain', '--contact', contactId, '--time-zone', 'Europe/Helsinki'], '', env);
    const json = await runCli(['explain', '--contact', contactId, '--json'], '', env);

    expect(text.stdout).toContain('2026-11-04 14:00 Europe/Helsinki (recalculation)');
    const parsed = JSON.parse(json.stdout);
    expect(parsed.result.score).toBe(80);
    expect(parsed.history.scores.map((point: { score: number }) => point.score)).toEqual([50, 80, 80]);
    expect(parsed.history.changes[1]).toMatchObject({ kind: 'score', causes: [{ kind: 'deal', property: 'amount', from: '40000', to: '150000' }] });
    expect(Object.values(parsed.users)).toEqual(['Dana Reyes']);
  });

  it('reads the contact, its deals with history on the same reads, and the names: no write', async () => {
    const { env, contactId, portal } = await disputedLead();
    portal.requests.clear();

    await runCli(['explain', '--contact', contactId], '', env);

    expect(portal.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /crm/v3/objects/contacts/batch/read',
      'POST /crm/v4/associations/contacts/deals/batch/read',
      'POST /crm/v3/objects/deals/batch/read',
      'GET /crm/v3/owners/',
    ]);
    expect((portal.requests[0]?.body as { propertiesWithHistory: string[] }).propertiesWithHistory).toEqual(expect.arrayContaining(['bant_score', 'bant_need', 'bant_need_answered_at', 'bant_override']));
    expect((portal.requests[2]?.body as { propertiesWithHistory: string[] }).propertiesWithHistory).toEqual(expect.arrayContaining(['amount', 'closedate']));
  });

  it.each([
    [[], 2, '--contact is required'],
    [['--contact', 'abc'], 2, '--contact "abc" is not a HubSpot record id'],
    [['--contact', '999'], 1, 'contact 999 does not exist in this portal'],
    [['--contact', '1', '--time-zone', 'Mars/Olympus'], 2, '--time-zone "Mars/Olympus" is not a time zone'],
  ])('refuses %j with exit %i and a message', async (args, status, message) => {
    const { env } = await disputedLead();

    const { code, stderr } = await runCli(['explain', ...args], '', env);

    expect(code).toBe(status);
    expect(stderr).toContain(message);
  });
});
