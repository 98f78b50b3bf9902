import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { runCli } from '../support/runCli';

const FILES = [
  'src/app/webhooks/webhooks-hsmeta.json',
  'src/app/workflow-actions/recalculate-bant-score-hsmeta.json',
  'src/app/cards/generated/model-properties.json',
];

/** A project folder holding only an active model. */
async function project(model: unknown = BANT_DEFAULT): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'bant-sync-'));
  await mkdir(join(root, 'src/models'), { recursive: true });
  await writeFile(join(root, 'src/models/bant-model.json'), JSON.stringify(model, null, 2));
  return root;
}

describe('bant sync', () => {
  it('writes the three generated files, then has nothing to change on a second run', async () => {
    const root = await project();
    const first = await runCli(['sync', '--root', root]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${FILES.map((f) => `updated ${f}\n`).join('')}bant sync: 3 file(s) updated for model bant-default@1; commit them, then run "hs project upload --profile <name>"\n`);
    const webhooks = JSON.parse(await readFile(join(root, FILES[0]!), 'utf8'));
    expect(webhooks.config.settings.targetUrl).toBe('${BANT_RECALC_URL}');
    const second = await runCli(['sync', '--root', root]);
    expect(second).toEqual({ code: 0, stdout: 'bant sync: nothing to change, the HubSpot config already matches model bant-default@1\n', stderr: '' });
  });

  it('--check exits 1 naming every missing or stale file, and writes nothing', async () => {
    const root = await project();
    const { code, stdout, stderr } = await runCli(['sync', '--check', '--root', root]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`bant sync --check: 3 file(s) out of date with model bant-default@1 (src/models/bant-model.json):\n${FILES.map((f) => `  ${f}\n`).join('')}Run "npm run build" (or "bant sync") and commit the result.\n`);
    await expect(readFile(join(root, FILES[0]!), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('--check exits 0 once synced, and 1 again after a mapping change, naming only what the change touches', async () => {
    const root = await project();
    await runCli(['sync', '--root', root]);
    expect((await runCli(['sync', '--check', '--root', root])).code).toBe(0);
    const model: Model = structuredClone(BANT_DEFAULT);
    model.criteria[0]!.sources[1] = { object: 'deal', property: 'budget_approved_amount' };
    await writeFile(join(root, 'src/models/bant-model.json'), JSON.stringify(model));
    const { code, stderr } = await runCli(['sync', '--check', '--root', root]);
    expect(code).toBe(1);
    expect(stderr).toContain(`  ${FILES[0]}\n  ${FILES[2]}\nRun`);
    expect(stderr).not.toContain(FILES[1]);
  });

  it('refuses an invalid active model with exit status 2, naming the problem, and writes nothing', async () => {
    const model: Model = structuredClone(BANT_DEFAULT);
    model.criteria[0]!.rule = { type: 'bands', bands: [{ from: 0, to: 10, points: 0 }, { from: 20, points: 30 }] };
    const root = await project(model);
    const { code, stderr } = await runCli(['sync', '--root', root]);
    expect(code).toBe(2);
    expect(stderr).toContain('criteria[0].rule.bands: gap between 10 and 20');
    await expect(readFile(join(root, FILES[0]!), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
