import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivedPropertyNames } from '../../src/engine';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { objectsWritten, propertySpecs, specsFor } from '../../src/setup/propertySpecs';
import { runCli } from '../support/runCli';
import { useLocalPortal } from '../support/localPortal';

const local = useLocalPortal();
const COMMITTEES: Model = { ...BANT_DEFAULT, committee: { deals: true, companies: true, roleCriterion: 'authority' } };

async function modelFile(model: Model): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'bant-committee-')), 'model.json');
  await writeFile(file, JSON.stringify(model));
  return file;
}

describe('the properties a committee needs', () => {
  it('are written on contacts, and on deals and companies only when the model rolls them up', () => {
    expect(objectsWritten(BANT_DEFAULT)).toEqual(['contact']);
    expect(objectsWritten({ committee: { deals: true, companies: false } })).toEqual(['contact', 'deal']);
    expect(objectsWritten(COMMITTEES)).toEqual(['contact', 'deal', 'company']);
  });

  it("are the contact's derived outputs with the same names and types, then the committee size", () => {
    // The §4 outputs: the answer stamps, verdict and stale criteria of §6 are the contact's alone.
    const contactOnly = ['bant_verdict', 'bant_stale_criteria'];
    const derived = propertySpecs(COMMITTEES).filter((s) => s.role === 'derived' && derivedPropertyNames(COMMITTEES).includes(s.name) && !contactOnly.includes(s.name));
    const deal = specsFor(COMMITTEES, 'deal');
    expect(deal.map((s) => s.name)).toEqual([...derived.map((s) => s.name), 'bant_committee_size']);
    deal.slice(0, -1).forEach((spec, i) => expect([spec.definition.type, spec.definition.fieldType, spec.definition.options]).toEqual(
      [derived[i]!.definition.type, derived[i]!.definition.fieldType, derived[i]!.definition.options],
    ));
    expect(deal.at(-1)?.definition).toMatchObject({ name: 'bant_committee_size', label: 'BANT committee size', type: 'number', fieldType: 'number', groupName: 'bant_qualification', displayOrder: 12 });
    expect(specsFor(COMMITTEES, 'company').at(0)?.definition.description).toBe("Total qualification points. Rolled up from the company's contacts by the BANT app; do not edit by hand.");
  });
});

describe('bant setup and bant check with committees', () => {
  it('creates the group and the derived properties on deals and companies too, and changes nothing the second time', async () => {
    const file = await modelFile(COMMITTEES);
    const first = await runCli(['setup', '--model', file], '', local.env());
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('bant setup: model bant-default@1 (BANT (default)), deal properties of ');
    expect(first.stdout).toContain('  create  bant_committee_size            number / number, "BANT committee size"\n');
    expect(first.stdout.match(/Created 13 properties and the group bant_qualification\./g)).toHaveLength(2);
    const { store } = local.portal();
    for (const type of ['deals', 'companies'] as const) {
      expect(store.groups[type].has('bant_qualification')).toBe(true);
      expect([...store.properties[type].keys()].filter((name) => name.startsWith('bant_'))).toEqual(specsFor(COMMITTEES, 'deal').map((s) => s.name));
    }
    local.portal().requests.clear();
    const second = await runCli(['setup', '--model', file], '', local.env());
    expect(second.code).toBe(0);
    expect(local.requests().filter((r) => !r.startsWith('GET '))).toEqual([]);
    expect(second.stdout.match(/Nothing to change: the group bant_qualification and all 13 properties are in place\./g)).toHaveLength(2);
  });

  it('names what an upgraded portal still lacks on deals and companies', async () => {
    await runCli(['setup'], '', local.env());
    const file = await modelFile(COMMITTEES);
    const { code, stdout } = await runCli(['check', '--model', file], '', local.env());
    expect(code).toBe(1);
    expect(stdout).toContain("deal.bant_committee_size does not exist in HubSpot, so the app cannot store the bant committee size of a deal's committee.");
    expect(stdout).toContain("company.bant_score does not exist in HubSpot, so the app cannot store the bant score of a company's committee.");
    expect(stdout.match(/error {3}(deal|company)\.bant_\w+ \(derived output\): .* does not exist in HubSpot/g)).toHaveLength(26);
  });

  it("names a lifecycle stage the portal's lifecycle does not have", async () => {
    await runCli(['setup'], '', local.env());
    const file = await modelFile({ ...BANT_DEFAULT, lifecycle: { advance: true, stage: 'sql' } });
    const { code, stdout } = await runCli(['check', '--model', file], '', local.env());
    expect(code).toBe(1);
    expect(stdout).toContain('lifecycle.stage "sql" is not a lifecycle stage of this portal, so qualified contacts cannot be moved to it.');
    expect(stdout).toContain('Set lifecycle.stage to one of subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity, customer, evangelist, other (internal values).');
  });
});

describe('bant check with Leads', () => {
  const LEADS = { qualify: true, unqualify: true, qualifiedStage: 'qualified-stage-id', unqualifiedStage: 'disqualified' };

  it('names a lead stage the lead pipeline does not have, with the stages it has', async () => {
    await runCli(['setup'], '', local.env());
    const file = await modelFile({ ...BANT_DEFAULT, leads: LEADS });
    const { code, stdout } = await runCli(['check', '--model', file], '', local.env());
    expect(code).toBe(1);
    expect(stdout).toContain('  error   lead.hs_pipeline_stage (leads.unqualifiedStage): leads.unqualifiedStage "disqualified" is not a stage of any lead pipeline in this portal, so leads cannot be moved to it.\n');
    expect(stdout).toContain('fix: Set leads.unqualifiedStage to one of new-stage-id (New, Lead pipeline), attempting-stage-id (Attempting, Lead pipeline)');
    expect(stdout).not.toContain('leads.qualifiedStage "');
  });

  it('checks no lead stage while the model moves no lead', async () => {
    await runCli(['setup'], '', local.env());
    local.portal().requests.clear();
    const { code } = await runCli(['check'], '', local.env());
    expect(code).toBe(0);
    expect(local.requests().filter((r) => r.includes('pipelines'))).toEqual([]);
  });
});
