import { describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../src/models';
import { propertySpecs } from '../../src/setup/propertySpecs';
import { runCli } from '../support/runCli';
import { closedPortUrl, useLocalPortal } from '../support/localPortal';

const local = useLocalPortal();
const SPECS = propertySpecs(BANT_DEFAULT);
const READS = ['GET /crm/v3/properties/contacts/groups', 'GET /crm/v3/properties/contacts'];

describe('bant setup against the local portal', () => {
  it('creates the group and all 16 properties in an empty portal, one request each', async () => {
    const { code, stdout, stderr } = await runCli(['setup'], '', local.env());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(local.requests()).toEqual([...READS, 'POST /crm/v3/properties/contacts/groups', ...SPECS.map(() => 'POST /crm/v3/properties/contacts')]);
    const bodies = local.portal().requests.slice(2).map((r) => r.body);
    expect(bodies).toEqual([{ name: 'bant_qualification', label: 'BANT qualification', displayOrder: -1 }, ...SPECS.map((s) => s.definition)]);
    expect(stdout).toContain('  create  group bant_qualification "BANT qualification"\n');
    expect(stdout).toContain('  create  bant_authority                 enumeration / select with 4 options, "BANT authority"\n');
    expect(stdout).toMatch(/Created 16 properties and the group bant_qualification\.\n$/);
    const stored = local.portal().store.properties.contacts;
    expect(stored.get('bant_score')).toMatchObject({ type: 'number', fieldType: 'number', groupName: 'bant_qualification', label: 'BANT score' });
    expect(stored.get('bant_timeline')).toMatchObject({ type: 'enumeration', fieldType: 'radio' });
    expect(stored.get('bant_failed_criteria')?.options.map((o) => o.value)).toEqual(['budget', 'authority', 'need', 'timeline']);
  });

  it('changes nothing on a second run and says so', async () => {
    await runCli(['setup'], '', local.env());
    local.portal().requests.clear();
    const { code, stdout } = await runCli(['setup'], '', local.env());
    expect(code).toBe(0);
    expect(local.requests()).toEqual(READS);
    expect(stdout).toContain('  ok      16 properties already in place, and the group bant_qualification\n');
    expect(stdout).toMatch(/Nothing to change: the group bant_qualification and all 16 properties are in place\.\n$/);
  });

  it('with --dry-run prints the plan and sends nothing but the two reads', async () => {
    const { code, stdout } = await runCli(['setup', '--dry-run'], '', local.env());
    expect(code).toBe(0);
    expect(local.requests()).toEqual(READS);
    expect(stdout).toContain('  create  bant_budget                    number / number, "BANT budget"\n');
    expect(stdout).toMatch(/Dry run: nothing was changed\. Without --dry-run, bant setup would create the group bant_qualification and 16 properties\.\n$/);
    expect(local.portal().store.properties.contacts.has('bant_budget')).toBe(false);
  });

  describe('a portal with a conflicting bant_score (a text property holding data)', () => {
    it('reports it with the fix, creates the rest, alters nothing and exits 1', async () => {
      const portal = local.portal();
      portal.defineProperty('contacts', { name: 'bant_score', label: 'Lead score (old)', type: 'string', fieldType: 'text', groupName: 'contactinformation' });
      const contact = portal.createContact({ email: 'ada@example.com', bant_score: 'hot' });
      portal.requests.clear();

      const { code, stdout } = await runCli(['setup'], '', local.env());

      expect(code).toBe(1);
      const created = SPECS.filter((s) => s.name !== 'bant_score');
      expect(local.requests()).toEqual([...READS, 'POST /crm/v3/properties/contacts/groups', ...created.map(() => 'POST /crm/v3/properties/contacts')]);
      expect(portal.requests.slice(3).map((r) => (r.body as { name: string }).name)).toEqual(created.map((s) => s.name));
      expect(local.requests().filter((r) => /^(PATCH|PUT|DELETE) /.test(r))).toEqual([]);
      expect(stdout).toContain(
        '  error   contact.bant_score (derived output): contact.bant_score is a "string" property (field type "text"), but the app writes it as a number property.\n'
        + '          fix: HubSpot cannot change a property\'s type in place: export its values if you need them, rename or archive "Lead score (old)" (bant_score) in HubSpot, then run bant setup to create it as a number property. bant setup never changes or deletes an existing property.\n',
      );
      expect(stdout).toMatch(/Created 15 properties and the group bant_qualification\. 1 conflict left as it is: bant setup never changes an existing property; apply the fix above, then run bant setup again\.\n$/);
      expect(portal.store.properties.contacts.get('bant_score')).toMatchObject({ type: 'string', fieldType: 'text', label: 'Lead score (old)', groupName: 'contactinformation' });
      expect(portal.getRecord('contacts', contact.id)?.properties.bant_score).toBe('hot');
    });

    it('keeps exiting 1 on later runs, creating nothing', async () => {
      local.portal().defineProperty('contacts', { name: 'bant_score', label: 'Lead score (old)', type: 'string', fieldType: 'text', groupName: 'contactinformation' });
      await runCli(['setup'], '', local.env());
      local.portal().requests.clear();
      const { code, stdout } = await runCli(['setup'], '', local.env());
      expect(code).toBe(1);
      expect(local.requests()).toEqual(READS);
      expect(stdout).toMatch(/Nothing to create\. 1 conflict left as it is/);
    });
  });

  it('reports an answer property lacking options, names them, and leaves its options as they are', async () => {
    const portal = local.portal();
    portal.defineProperty('contacts', {
      name: 'bant_authority', label: 'Authority', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation',
      options: [{ label: 'C-level', value: 'c_level' }, { label: 'Director', value: 'director' }],
    });
    const { code, stdout } = await runCli(['setup'], '', local.env());
    expect(code).toBe(1);
    expect(stdout).toContain('contact.bant_authority lacks the options "manager" (Manager, 15 points), "other" (Other, 0 points) that criteria[1].rule.options defines');
    expect(portal.store.properties.contacts.get('bant_authority')?.options.map((o) => o.value)).toEqual(['c_level', 'director']);
    expect(local.requests().filter((r) => !r.startsWith('GET ') && !r.startsWith('POST '))).toEqual([]);
  });

  it('sets up a preset on a BANT portal: creates its new answers and names the output options it lacks', async () => {
    await runCli(['setup'], '', local.env());
    const { code, stdout } = await runCli(['setup', '--model', 'src/models/presets/meddic.json'], '', local.env());
    expect(code).toBe(1);
    const stored = local.portal().store.properties.contacts;
    expect(stored.get('bant_champion')).toMatchObject({ type: 'bool', fieldType: 'booleancheckbox' });
    expect(stored.get('bant_decision_criteria')).toMatchObject({ type: 'enumeration', fieldType: 'checkbox' });
    expect(stored.get('bant_pain')).toMatchObject({ type: 'enumeration', fieldType: 'radio' });
    expect(stdout).toContain('contact.bant_next_action lacks the option "meet_economic_buyer" (Get a meeting with the economic buyer)');
    expect(stdout).toContain('contact.bant_failed_criteria lacks the options "metrics" (Metrics), "economic_buyer" (Economic buyer)');
  });

  describe('when it cannot start', () => {
    it('exits 2 naming PRIVATE_APP_ACCESS_TOKEN when the token is missing', async () => {
      const { code, stderr } = await runCli(['setup'], '', { HUBSPOT_API_BASE_URL: local.url() });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^bant setup: PRIVATE_APP_ACCESS_TOKEN is missing/);
      expect(local.requests()).toEqual([]);
    });

    it('exits 2 when the portal rejects the token', async () => {
      const { code, stderr } = await runCli(['setup'], '', { ...local.env(), PRIVATE_APP_ACCESS_TOKEN: 'wrong' });
      expect(code).toBe(2);
      expect(stderr).toContain(`bant setup: could not read the contact properties of ${local.url()}: propertyGroups.getAll: HubSpot rejected the access token (401)`);
    });

    it('exits 2 when the portal is unreachable', async () => {
      const url = await closedPortUrl();
      const { code, stderr } = await runCli(['setup'], '', { ...local.env(), HUBSPOT_API_BASE_URL: url });
      expect(code).toBe(2);
      expect(stderr).toContain(`bant setup: could not read the contact properties of ${url}: propertyGroups.getAll: could not reach HubSpot`);
    });

    it('exits 2 for an invalid model file, sending nothing', async () => {
      const { code, stderr } = await runCli(['setup', '--model', 'package.json'], '', local.env());
      expect(code).toBe(2);
      expect(stderr).toContain('bant setup: model package.json is invalid:');
      expect(local.requests()).toEqual([]);
    });
  });
});
