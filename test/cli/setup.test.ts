import { describe, expect, it } from 'vitest';
import { BANT_DEFAULT } from '../../src/models';
import { MODEL_VERSION_SCHEMA } from '../../src/modelstore';
import { propertySpecs } from '../../src/setup/propertySpecs';
import { runCli } from '../support/runCli';
import { closedPortUrl, useLocalPortal } from '../support/localPortal';

const local = useLocalPortal();
const SPECS = propertySpecs(BANT_DEFAULT);
const POINTER = 'GET /crm/v3/objects/p_bant_model_version/published';
/** With --model <file>, setup reads no published model. */
const FILE_READS = ['GET /crm/v3/properties/contacts/groups', 'GET /crm/v3/properties/contacts'];
const READS = [POINTER, ...FILE_READS];
const SCHEMAS = 'GET /crm-object-schemas/v3/schemas';
const CREATE_SCHEMA = 'POST /crm-object-schemas/v3/schemas';

describe('bant setup against the local portal', () => {
  it('creates the group and all 28 properties in an empty portal, one request each', async () => {
    const { code, stdout, stderr } = await runCli(['setup'], '', local.env());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(local.requests()).toEqual([...READS, 'POST /crm/v3/properties/contacts/groups', ...SPECS.map(() => 'POST /crm/v3/properties/contacts'), SCHEMAS, CREATE_SCHEMA]);
    const bodies = local.portal().requests.slice(3, -2).map((r) => r.body);
    expect(bodies).toEqual([{ name: 'bant_qualification', label: 'BANT qualification', displayOrder: -1 }, ...SPECS.map((s) => s.definition)]);
    expect(local.portal().requests.at(-1)?.body).toEqual(MODEL_VERSION_SCHEMA);
    expect(stdout).toContain('  create  group bant_qualification "BANT qualification"\n');
    expect(stdout).toContain('  create  bant_authority                 enumeration / select with 4 options, "BANT authority"\n');
    expect(stdout).toContain('Created 28 properties and the group bant_qualification.\n');
    expect(stdout).toMatch(/\nModel versions: the custom object bant_model_version\n {2}created the object bant_model_version \(2-\d+\)\n$/);
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
    expect(local.requests()).toEqual([...READS, SCHEMAS]);
    expect(stdout).toContain('  ok      28 properties already in place, and the group bant_qualification\n');
    expect(stdout).toContain('Nothing to change: the group bant_qualification and all 28 properties are in place.\n');
    expect(stdout).toMatch(/ {2}ok {6}the object and its 14 properties are in place\n$/);
  });

  it('with --dry-run prints the plan and sends nothing but the reads', async () => {
    const { code, stdout } = await runCli(['setup', '--dry-run'], '', local.env());
    expect(code).toBe(0);
    expect(local.requests()).toEqual([...READS, SCHEMAS]);
    expect(stdout).toContain('  create  bant_budget                    number / number, "BANT budget"\n');
    expect(stdout).toContain('Dry run: nothing was changed. Without --dry-run, bant setup would create the group bant_qualification and 28 properties.\n');
    expect(stdout).toMatch(/ {2}Dry run: nothing was changed\. Without --dry-run, bant setup would create it with 14 properties\.\n$/);
    expect(local.portal().store.schemas.size).toBe(0);
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
      expect(local.requests()).toEqual([...READS, 'POST /crm/v3/properties/contacts/groups', ...created.map(() => 'POST /crm/v3/properties/contacts'), SCHEMAS, CREATE_SCHEMA]);
      expect(portal.requests.slice(4, -2).map((r) => (r.body as { name: string }).name)).toEqual(created.map((s) => s.name));
      expect(local.requests().filter((r) => /^(PATCH|PUT|DELETE) /.test(r))).toEqual([]);
      expect(stdout).toContain(
        '  error   contact.bant_score (derived output): contact.bant_score is a "string" property (field type "text"), but the app writes it as a number property.\n'
        + '          fix: HubSpot cannot change a property\'s type in place: export its values if you need them, rename or archive "Lead score (old)" (bant_score) in HubSpot, then run bant setup to create it as a number property. bant setup never changes or deletes an existing property.\n',
      );
      expect(stdout).toContain('Created 27 properties and the group bant_qualification. 1 conflict left as it is: bant setup never changes an existing property; apply the fix above, then run bant setup again.\n');
      expect(portal.store.properties.contacts.get('bant_score')).toMatchObject({ type: 'string', fieldType: 'text', label: 'Lead score (old)', groupName: 'contactinformation' });
      expect(portal.getRecord('contacts', contact.id)?.properties.bant_score).toBe('hot');
    });

    it('keeps exiting 1 on later runs, creating nothing', async () => {
      local.portal().defineProperty('contacts', { name: 'bant_score', label: 'Lead score (old)', type: 'string', fieldType: 'text', groupName: 'contactinformation' });
      await runCli(['setup'], '', local.env());
      local.portal().requests.clear();
      const { code, stdout } = await runCli(['setup'], '', local.env());
      expect(code).toBe(1);
      expect(local.requests()).toEqual([...READS, SCHEMAS]);
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
    expect(stdout).toContain('          fix: Run bant setup --add-options to add them (existing options are kept as they are), or add them to "Authority" in HubSpot');
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
    expect(stdout).toContain('fix: Run bant setup --add-options to add them');
    expect(local.requests().filter((r) => r.startsWith('PATCH ') || r.startsWith('DELETE '))).toEqual([]);
  });

  describe('--add-options', () => {
    const MEDDIC = ['--model', 'src/models/presets/meddic.json'];
    const NEW_ACTION = [{ label: 'Get a meeting with the economic buyer', value: 'meet_economic_buyer' }];
    const NEW_CRITERIA = ([
      ['metrics', 'Metrics'], ['economic_buyer', 'Economic buyer'], ['decision_criteria', 'Decision criteria'],
      ['decision_process', 'Decision process'], ['identify_pain', 'Identify pain'], ['champion', 'Champion'],
    ] as const).map(([value, label]) => ({ label, value }));
    /** The options HubSpot holds now, then `added` ordered after them, as HubSpot's update must receive them. */
    const existingThen = (name: string, added: Array<{ label: string; value: string }>) => {
      const existing = local.portal().store.properties.contacts.get(name)?.options ?? [];
      return [...existing, ...added.map((option, index) => ({ ...option, displayOrder: existing.length + index, hidden: false }))];
    };

    it('after a switch to MEDDIC, sends one PATCH per property lacking options with the whole list, existing first, and nothing else', async () => {
      await runCli(['setup'], '', local.env());
      const portal = local.portal();
      const before = structuredClone([...portal.store.properties.contacts.values()]);
      const expected = {
        bant_next_action: existingThen('bant_next_action', NEW_ACTION),
        bant_failed_criteria: existingThen('bant_failed_criteria', NEW_CRITERIA),
        bant_stale_criteria: existingThen('bant_stale_criteria', NEW_CRITERIA),
      };
      portal.requests.clear();

      const { code, stdout, stderr } = await runCli(['setup', ...MEDDIC, '--add-options'], '', local.env());

      expect(stderr).toBe('');
      expect(code).toBe(0);
      const changes = portal.requests.filter((r) => r.method !== 'GET' && r.method !== 'POST');
      expect(changes.map((r) => [r.method, r.path, r.body])).toEqual([
        ['PATCH', '/crm/v3/properties/contacts/bant_next_action', { options: expected.bant_next_action }],
        ['PATCH', '/crm/v3/properties/contacts/bant_failed_criteria', { options: expected.bant_failed_criteria }],
        ['PATCH', '/crm/v3/properties/contacts/bant_stale_criteria', { options: expected.bant_stale_criteria }],
      ]);
      expect(expected.bant_failed_criteria.map((o) => o.value)).toEqual(['budget', 'authority', 'need', 'timeline', ...NEW_CRITERIA.map((o) => o.value)]);
      for (const old of before) {
        const now = portal.store.properties.contacts.get(old.name);
        expect(now).toMatchObject({ type: old.type, fieldType: old.fieldType, label: old.label, groupName: old.groupName });
        expect(now?.options.slice(0, old.options.length)).toEqual(old.options);
      }
      expect(stdout).toContain('  add     bant_next_action               1 option after the existing ones: "meet_economic_buyer" (Get a meeting with the economic buyer)\n');
      expect(stdout).toMatch(/Created 18 properties\. Added 13 options to 3 properties\.\n/);

      portal.requests.clear();
      const again = await runCli(['setup', ...MEDDIC, '--add-options'], '', local.env());
      expect(again.code).toBe(0);
      expect(local.requests()).toEqual([...FILE_READS, SCHEMAS]);
      expect(again.stdout).toMatch(/Nothing to change: the group bant_qualification and all 34 properties are in place\.\n/);
    });

    it('keeps the existing options of an answer as they are (labels, order, hidden) and appends the model ones', async () => {
      const portal = local.portal();
      portal.defineGroup('contacts', { name: 'bant_qualification', label: 'BANT qualification' });
      portal.defineProperty('contacts', {
        name: 'bant_authority', label: 'Authority', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation',
        options: [{ label: 'Director (legacy)', value: 'director' }, { label: 'Owner', value: 'owner', hidden: true }, { label: 'C-level', value: 'c_level' }],
      });
      for (const spec of SPECS.filter((s) => s.name !== 'bant_authority')) portal.defineProperty('contacts', spec.definition);
      portal.requests.clear();

      const { code, stdout } = await runCli(['setup', '--add-options'], '', local.env());

      expect(code).toBe(0);
      expect(local.requests()).toEqual([...READS, 'PATCH /crm/v3/properties/contacts/bant_authority', SCHEMAS, CREATE_SCHEMA]);
      expect(portal.requests[3]?.body).toEqual({ options: [
        { label: 'Director (legacy)', value: 'director', displayOrder: 0, hidden: false },
        { label: 'Owner', value: 'owner', displayOrder: 1, hidden: true },
        { label: 'C-level', value: 'c_level', displayOrder: 2, hidden: false },
        { label: 'Manager', value: 'manager', displayOrder: 3, hidden: false },
        { label: 'Other', value: 'other', displayOrder: 4, hidden: false },
      ] });
      expect(portal.store.properties.contacts.get('bant_authority')).toMatchObject({ label: 'Authority', groupName: 'contactinformation', fieldType: 'select' });
      expect(stdout).toContain('  warning contact.bant_authority (criteria[1].sources[0]): contact.bant_authority offers "owner" (Owner)');
      expect(stdout).toMatch(/Added 2 options to 1 property\.\n/);
    });

    it('still reports a property of the wrong type, never alters it, adds options elsewhere and exits 1', async () => {
      const portal = local.portal();
      portal.defineProperty('contacts', { name: 'bant_score', label: 'Lead score (old)', type: 'string', fieldType: 'text', groupName: 'contactinformation' });
      portal.defineProperty('contacts', {
        name: 'bant_grade', label: 'Grade', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation',
        options: [{ label: 'A', value: 'A' }, { label: 'B', value: 'B' }, { label: 'C', value: 'C' }],
      });
      const expected = existingThen('bant_grade', [{ label: 'D: Low score', value: 'D' }]);
      portal.requests.clear();

      const { code, stdout } = await runCli(['setup', '--add-options'], '', local.env());

      expect(code).toBe(1);
      expect(local.requests().filter((r) => /^(PATCH|PUT|DELETE) /.test(r))).toEqual(['PATCH /crm/v3/properties/contacts/bant_grade']);
      expect(portal.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ options: expected });
      expect(portal.store.properties.contacts.get('bant_grade')?.options.map((o) => o.value)).toEqual(['A', 'B', 'C', 'D']);
      expect(portal.store.properties.contacts.get('bant_score')).toMatchObject({ type: 'string', fieldType: 'text', label: 'Lead score (old)', groupName: 'contactinformation' });
      expect(stdout).toContain('  error   contact.bant_score (derived output): contact.bant_score is a "string" property');
      expect(stdout).toMatch(/Created 26 properties and the group bant_qualification\. Added 1 option to 1 property\. 1 conflict left as it is: bant setup never changes the type of an existing property; apply the fix above, then run bant setup again\.\n/);
    });

    it('with --dry-run prints the options it would add and sends nothing but the reads', async () => {
      await runCli(['setup'], '', local.env());
      local.portal().requests.clear();

      const { code, stdout } = await runCli(['setup', ...MEDDIC, '--dry-run', '--add-options'], '', local.env());

      expect(code).toBe(0);
      expect(local.requests()).toEqual([...FILE_READS, SCHEMAS]);
      expect(stdout).toContain(`  add     bant_failed_criteria           6 options after the existing ones: ${NEW_CRITERIA.map((o) => `"${o.value}" (${o.label})`).join(', ')}\n`);
      expect(stdout).toMatch(/Dry run: nothing was changed\. Without --dry-run, bant setup would create 18 properties and add 13 options to 3 existing properties\.\n/);
      expect(local.portal().store.properties.contacts.get('bant_next_action')?.options.map((o) => o.value)).not.toContain('meet_economic_buyer');
    });

    it('reports a PATCH HubSpot refuses and exits 1', async () => {
      await runCli(['setup'], '', local.env());
      local.portal().failNext({ path: '/crm/v3/properties/contacts/bant_next_action', method: 'PATCH', status: 400 });

      const { code, stdout, stderr } = await runCli(['setup', ...MEDDIC, '--add-options'], '', local.env());

      expect(code).toBe(1);
      expect(stderr).toContain('bant setup: could not add options to bant_next_action: properties.update: HubSpot refused the request as invalid (400)');
      expect(stdout).toMatch(/Added 12 options to 2 properties\. 1 property could not be updated \(see above\); run bant setup --add-options again once fixed\.\n/);
    });
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
      expect(stderr).toContain('bant setup: could not read the published model: objects.read: HubSpot rejected the access token (401)');
      expect(local.requests()).toEqual([POINTER]);
    });

    it('exits 2 when the portal is unreachable', async () => {
      const url = await closedPortUrl();
      const { code, stderr } = await runCli(['setup'], '', { ...local.env(), HUBSPOT_API_BASE_URL: url });
      expect(code).toBe(2);
      expect(stderr).toContain('bant setup: could not read the published model: objects.read: could not reach HubSpot');
    });

    it('exits 2 for an invalid model file, sending nothing', async () => {
      const { code, stderr } = await runCli(['setup', '--model', 'package.json'], '', local.env());
      expect(code).toBe(2);
      expect(stderr).toContain('bant setup: model package.json is invalid:');
      expect(local.requests()).toEqual([]);
    });
  });
});

describe('bant setup on Ctrl-C', () => {
  it('aborts the request in flight, keeps what was created and says a second run finishes it (exit 130)', async () => {
    local.portal().failNext({ path: '/crm/v3/properties/contacts', method: 'POST', hang: true });
    const stop = new AbortController();
    // Stop once the first create is hanging.
    const waiting = setInterval(() => {
      if (local.portal().requests.some((r) => r.status === 0)) stop.abort();
    }, 10);
    const { code, stderr } = await runCli(['setup'], '', local.env(), { signal: stop.signal });
    clearInterval(waiting);
    expect(code).toBe(130);
    expect(stderr.split('\n').filter(Boolean).at(-1)).toBe('bant setup: stopped; what was created stays, and bant setup again creates only what is still missing');
    // Nothing was sent after the stop.
    expect(local.portal().requests.filter((r) => r.method === 'POST' && r.path === '/crm/v3/properties/contacts')).toHaveLength(1);
    expect((await runCli(['setup'], '', local.env())).code).toBe(0);
  });
});
