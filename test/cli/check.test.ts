import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { runCli } from '../support/runCli';
import { closedPortUrl, useLocalPortal } from '../support/localPortal';

const local = useLocalPortal();
const VALID = 'Model src/models/bant-model.json: bant-default@1 is valid (4 criteria, 6 sources, max 100 points).\n';
const BUNDLED = 'The portal scores with this bundled model: no model version is published in this portal yet (bant model push, then bant model publish).\n';
const POINTER = 'GET /crm/v3/objects/p_bant_model_version/published';

async function modelFile(content: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'bant-check-')), 'model.json');
  await writeFile(file, content);
  return file;
}

describe('bant check --offline', () => {
  it('exits 0 for the active model without touching any portal', async () => {
    const { code, stdout, stderr } = await runCli(['check', '--offline']);
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${VALID}Offline: the portal was not checked.\n`, stderr: '' });
  });

  it('exits 2 for an invalid model file, naming each problem by its path', async () => {
    const model: Model = structuredClone(BANT_DEFAULT);
    model.criteria[1]!.rule = { type: 'options', options: [{ value: 'c_level', label: 'C-level', points: 40 }] };
    const file = await modelFile(JSON.stringify(model));
    const { code, stdout, stderr } = await runCli(['check', '--offline', '--model', file]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`bant check: the model ${file} is invalid, so nothing else was checked:\n`);
    expect(stderr).toContain("  criteria[1].rule.options[0].points: 40 is above the criterion's max (25); lower the points or raise the max\n");
  });

  it('exits 2 for a key given twice, naming the key and both lines', async () => {
    const file = await modelFile('{\n  "id": "bant-default",\n  "id": "other"\n}\n');
    const { code, stderr } = await runCli(['check', '--offline', '--model', file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`bant check: the model ${file} is invalid, so nothing else was checked:\n  id: is given twice, on line 2 ("bant-default") and line 3 ("other"); JSON keeps only the last one, so delete the line you did not mean\nFix the model file, then run bant check again.\n`);
  });

  it('reports an invalid model\'s problems and warnings in --json by path and message only, as before problems had codes', async () => {
    const broken = await modelFile(JSON.stringify({ ...BANT_DEFAULT, grades: BANT_DEFAULT.grades.map((g) => (g.min === 0 ? { ...g, min: 10 } : g)) }));
    const invalid = JSON.parse((await runCli(['check', '--offline', '--json', '--model', broken])).stdout) as { model: { problems: unknown[] } };
    expect(invalid.model.problems).toEqual([{ path: 'grades', message: 'no grade covers scores from 0 to 10; give the lowest grade "min": 0' }]);
    const warned = await modelFile(JSON.stringify({ ...BANT_DEFAULT, suggestions: { ...BANT_DEFAULT.suggestions, autofill: { enabled: true, minConfidence: 0 } } }));
    const valid = JSON.parse((await runCli(['check', '--offline', '--json', '--model', warned])).stdout) as { model: { warnings: unknown[] } };
    expect(valid.model.warnings).toEqual([{ path: 'suggestions.autofill.minConfidence', message: '0 would fill every empty answer with any guess; use a threshold such as 0.85' }]);
  });

  it('reads a model file that starts with a byte-order mark', async () => {
    const file = await modelFile(`\ufeff${JSON.stringify(BANT_DEFAULT, null, 2)}`);
    const { code, stdout } = await runCli(['check', '--offline', '--model', file]);
    expect({ code, stdout }).toEqual({ code: 0, stdout: `${VALID.replace('src/models/bant-model.json', file)}Offline: the portal was not checked.\n` });
  });

  it('exits 0 but lists the model\'s warnings, with the fix', async () => {
    const model: Model = structuredClone(BANT_DEFAULT);
    model.criteria[1]!.max = 30;
    const file = await modelFile(JSON.stringify(model));
    const { code, stdout } = await runCli(['check', '--offline', '--model', file]);
    expect(code).toBe(0);
    expect(stdout).toBe(`Model ${file}: bant-default@1 is valid (4 criteria, 6 sources, max 105 points), with 1 warning:\n  warning criteria[1].max: 30 cannot be reached: the most its rule gives is 25; lower the max to 25 or raise the top points\nOffline: the portal was not checked.\n`);
  });

  it('warns about suggestions mapped to options their criterion cannot take, with the fix', async () => {
    const model: Model = structuredClone(BANT_DEFAULT);
    // RevOps renamed an option of Authority after mapping the suggestions to it.
    model.criteria[1]!.rule = { type: 'options', options: [{ value: 'exec', label: 'Executive', points: 25 }, { value: 'director', label: 'Director', points: 20 }, { value: 'manager', label: 'Manager', points: 15 }, { value: 'other', label: 'Other', points: 5 }] };
    const file = await modelFile(JSON.stringify(model));
    const { code, stdout } = await runCli(['check', '--offline', '--model', file]);
    expect(code).toBe(0);
    expect(stdout).toContain('with 1 warning:\n  warning suggestions.facts.authority.options.c_level: "c_level" is not an option of contact.bant_authority; expected one of exec, director, manager, other\n');
  });

  it('exits 2 for a model file that is not JSON', async () => {
    const file = await modelFile('{ "id": ');
    const { code, stderr } = await runCli(['check', '--offline', '--model', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not JSON: /);
  });
});

describe('bant check against the local portal', () => {
  it('suggests the amount in the company currency when the portal has several currencies', async () => {
    await runCli(['setup'], '', local.env());
    local.portal().account.additionalCurrencies.push('EUR');
    const { code, stdout } = await runCli(['check'], '', local.env());
    expect(code).toBe(0);
    expect(stdout).toContain('criteria[0].sources[1] reads deal.amount, which is in each deal\'s own currency; this portal also uses EUR');
    expect(stdout).toContain('Set criteria[0].sources[1].property to "amount_in_home_currency"');
  });

  it('exits 0 once bant setup ran: every mapping fits, two reads in all', async () => {
    await runCli(['setup'], '', local.env());
    local.portal().requests.clear();
    const { code, stdout } = await runCli(['check'], '', local.env());
    expect(code).toBe(0);
    expect(local.requests()).toEqual([POINTER, 'GET /crm/v3/properties/contacts', 'GET /crm/v3/properties/deals', 'GET /account-info/v3/details', 'GET /crm-object-schemas/v3/schemas']);
    expect(stdout).toBe(`${VALID}${BUNDLED}Portal ${local.url()}: checked 30 property mappings.\nAll 30 property mappings fit the model.\n`);
  });

  it('exits 1 before setup, with "run bant setup" for every missing property and the model versions object', async () => {
    const { code, stdout } = await runCli(['check'], '', local.env());
    expect(code).toBe(1);
    expect(stdout.match(/fix: Run bant setup to create it\./g)).toHaveLength(28);
    expect(stdout).toContain('  error   bant_model_version: the custom object bant_model_version does not exist, so model versions cannot be stored and every adapter scores with the bundled model.\n'
      + '          fix: Run bant setup (model versions need an Enterprise account).\n');
    expect(stdout).toContain(`${VALID}The portal scores with this bundled model: this portal has no bant_model_version object yet (run bant setup), so no model version is published`);
    expect(stdout).toMatch(/29 problems, 0 warnings: apply the fixes, then run bant check again\.\n$/);
  });

  it('exits 1 listing HubSpot options that earn no points by name', async () => {
    local.portal().defineProperty('contacts', {
      name: 'bant_authority', label: 'Authority', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation',
      options: ['c_level', 'director', 'manager', 'other'].map((value) => ({ label: value, value })).concat([{ label: 'Vice president', value: 'vp' }]),
    });
    await runCli(['setup'], '', local.env());
    const { code, stdout } = await runCli(['check'], '', local.env());
    expect(code).toBe(1);
    expect(stdout).toContain('  error   contact.bant_authority (criteria[1].sources[0]): contact.bant_authority offers "vp" (Vice president), which criteria[1].rule.options does not score: a contact with it is scored invalid.\n');
    expect(stdout).toContain('          fix: Add {"value": "vp", "label": "Vice president", "points": <points>} to criteria[1].rule.options, or remove it from "Authority" in HubSpot.\n');
    expect(stdout).toMatch(/1 problem, 0 warnings/);
  });

  it('exits 0 but warns about model options HubSpot lacks, whose points are unreachable', async () => {
    local.portal().defineProperty('contacts', {
      name: 'bant_need', label: 'Need', type: 'enumeration', fieldType: 'select', groupName: 'contactinformation',
      options: [{ label: 'Perfect', value: 'perfect' }, { label: 'Partial', value: 'partial' }],
    });
    await runCli(['setup'], '', local.env());
    const { code, stdout } = await runCli(['check'], '', local.env());
    expect(code).toBe(0);
    expect(stdout).toContain('  warning contact.bant_need (criteria[2].sources[0]): contact.bant_need lacks the option "low" (Low match, 5 points)');
    expect(stdout).toMatch(/All 30 property mappings fit the model, with 1 warning\.\n$/);
  });

  it('prints one JSON report with --json', async () => {
    local.portal().defineProperty('contacts', { name: 'bant_score', label: 'Score', type: 'string', fieldType: 'text', groupName: 'contactinformation' });
    await runCli(['setup'], '', local.env());
    const { code, stdout } = await runCli(['check', '--json'], '', local.env());
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      status: 'problems',
      model: {
        file: 'src/models/bant-model.json', valid: true, id: 'bant-default', version: 'bant-default@1', summary: '4 criteria, 6 sources, max 100 points', problems: [], warnings: [],
        source: 'the bundled model bant-default@1: no model version is published in this portal yet (bant model push, then bant model publish)',
      },
      modelSource: 'bundled',
      portal: { checked: true, url: local.url(), mappings: 30 },
      problems: [expect.objectContaining({ severity: 'error', code: 'incompatible_type', object: 'contact', property: 'bant_score', path: 'derived' })],
      warnings: [],
      modelVersions: { problems: [] },
      uncoveredSubscriptions: [],
    });
  });

  describe('when it cannot check', () => {
    it('exits 2 when the token is missing, as JSON too', async () => {
      const { code, stdout } = await runCli(['check', '--json'], '', { HUBSPOT_API_BASE_URL: local.url() });
      expect(code).toBe(2);
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({ ok: false, status: 'could_not_check', model: { valid: true }, portal: { checked: false } });
      expect(report.portal.reason).toMatch(/^PRIVATE_APP_ACCESS_TOKEN is missing/);
    });

    it('exits 2 when the portal is unreachable, saying where it tried', async () => {
      const url = await closedPortUrl();
      const { code, stdout, stderr } = await runCli(['check'], '', { ...local.env(), HUBSPOT_API_BASE_URL: url });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`bant check: could not check the portal ${url}: could not read the published model: objects.read: could not reach HubSpot`);
    });
  });
});

describe('bant check on SIGTERM', () => {
  it('aborts the read in flight and exits 143', async () => {
    local.portal().failNext({ path: '/crm/v3/properties/contacts', method: 'GET', hang: true });
    const stop = new AbortController();
    const waiting = setInterval(() => {
      if (local.portal().requests.some((r) => r.status === 0)) stop.abort('SIGTERM');
    }, 10);
    const { code, stdout, stderr } = await runCli(['check', '--model', 'src/models/bant-model.json'], '', local.env(), { signal: stop.signal });
    clearInterval(waiting);
    expect({ code, stdout, stderr }).toEqual({ code: 143, stdout: '', stderr: 'bant check: stopped before the check was done; nothing was changed\n' });
  });
});
