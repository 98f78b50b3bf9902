import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { runCli } from '../support/runCli';
import { useLocalPortal } from '../support/localPortal';

const local = useLocalPortal();

async function publish(model: Model): Promise<void> {
  const path = join(await mkdtemp(join(tmpdir(), 'bant-check-')), 'model.json');
  await writeFile(path, JSON.stringify(model));
  const pushed = await runCli(['model', 'push', path, '--json'], '', local.env());
  const { number } = JSON.parse(pushed.stdout) as { number: number };
  expect((await runCli(['model', 'publish', String(number), '--note', 'test'], '', local.env())).code).toBe(0);
}

describe('bant check with a published model', () => {
  it('checks the published version, not the bundled file', async () => {
    await runCli(['setup'], '', local.env());
    await publish(BANT_DEFAULT);
    const { code, stdout } = await runCli(['check'], '', local.env());
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Model bant-default@1 \(published in the portal\): bant-default@1 is valid \(4 criteria, 6 sources, max 100 points\)\.\nPortal /);
  });

  it('reports a published model whose properties the deployed webhook subscriptions do not send', async () => {
    await runCli(['setup'], '', local.env());
    const model = structuredClone(BANT_DEFAULT);
    model.criteria[0]!.sources.push({ object: 'company', property: 'annualrevenue', label: 'Company revenue' });
    await publish(model);

    const { code, stdout } = await runCli(['check'], '', local.env());

    expect(code).toBe(1);
    expect(stdout).toContain('  error   webhooks: the model reads properties the deployed subscriptions do not send: company annualrevenue changes, company association changes.');
    expect(stdout).toContain('          fix: npm run build, then hs project upload');
    expect(stdout).toMatch(/1 problem, 0 warnings: apply the fixes/);
    const json = JSON.parse((await runCli(['check', '--json'], '', local.env())).stdout);
    expect(json).toMatchObject({ modelSource: 'portal', uncoveredSubscriptions: ['company annualrevenue changes', 'company association changes'] });
  });

  it('refuses to check a published model edited by hand in HubSpot, exit 2', async () => {
    await runCli(['setup'], '', local.env());
    await publish(BANT_DEFAULT);
    const portal = local.portal();
    const type = portal.customObjectType('p_bant_model_version')!;
    const pointer = [...portal.store.objects[type as '2-1001']!.values()].find((r) => r.properties.get('bant_key') === 'published')!;
    portal.updateRecord(type, pointer.id, { bant_model_json: '{"id":"x"}' });

    const { code, stderr } = await runCli(['check'], '', local.env());

    expect(code).toBe(2);
    expect(stderr).toContain('the published model cannot be used: bant-default@1: the stored model is invalid (');
  });
});
