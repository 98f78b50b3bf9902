import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';

const MODELS = join(import.meta.dirname, '../../src/models');

/** A copy of this project's models folder, so switching never touches the real active model. */
async function project(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'bant-model-'));
  await cp(join(MODELS, 'presets'), join(root, 'src/models/presets'), { recursive: true });
  await cp(join(MODELS, 'bant-model.json'), join(root, 'src/models/bant-model.json'));
  return root;
}

const active = (root: string) => readFile(join(root, 'src/models/bant-model.json'), 'utf8');

describe('bant model list', () => {
  it('lists the five presets with when to use each, the default first and marked active', async () => {
    const root = await project();
    const { code, stdout } = await runCli(['model', 'list', '--root', root]);
    expect(code).toBe(0);
    const rows = stdout.split('\n').filter((line) => /^[* ] \S/.test(line));
    expect(rows).toEqual([
      '* bant-default  BANT (default) (bant-default@1)',
      '  anum          ANUM (anum@1)',
      '  champ         CHAMP (champ@1)',
      '  gpctba-ci     GPCTBA/C&I (gpctba-ci@1)',
      '  meddic        MEDDIC (meddic@1)',
    ]);
    expect(stdout).toContain('    Authority, Need, Urgency, Money, weighted 30/25/25/20. Use it when');
    expect(stdout).toContain('The active model is the preset bant-default.\nSwitch with: bant model use <preset>\n');
  });
});

describe('bant model use', () => {
  it('copies the preset over the active model, byte for byte, and says what to run next', async () => {
    const root = await project();
    const { code, stdout } = await runCli(['model', 'use', 'champ', '--root', root]);
    expect(code).toBe(0);
    expect(await active(root)).toBe(await readFile(join(MODELS, 'presets/champ.json'), 'utf8'));
    expect(stdout).toContain('The active model is now CHAMP (champ@1), copied from src/models/presets/champ.json.');
    expect(stdout).toContain('  bant setup ');
    expect(stdout).toContain('  npm run build ');
    const list = await runCli(['model', 'list', '--root', root]);
    expect(list.stdout).toContain('* champ ');
  });

  it('refuses to overwrite edits no preset holds, exit 1, unless --force', async () => {
    const root = await project();
    const edited = (await active(root)).replace('"minScore": 70', '"minScore": 75');
    await writeFile(join(root, 'src/models/bant-model.json'), edited);
    const refused = await runCli(['model', 'use', 'anum', '--root', root]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('bant model: src/models/bant-model.json has edits that no preset holds; commit or copy it first, then run again with --force to replace it\n');
    expect(await active(root)).toBe(edited);
    const forced = await runCli(['model', 'use', 'anum', '--force', '--root', root]);
    expect(forced.code).toBe(0);
    expect(JSON.parse(await active(root)).id).toBe('anum');
  });

  it('changes nothing when the preset already is the active model', async () => {
    const root = await project();
    const { code, stdout } = await runCli(['model', 'use', 'bant-default', '--root', root]);
    expect(code).toBe(0);
    expect(stdout).toBe('The active model already is the preset bant-default (bant-default@1); nothing changed.\n');
  });

  it('refuses an unknown preset with the list of known ones, exit 2', async () => {
    const root = await project();
    const { code, stderr } = await runCli(['model', 'use', 'spin', '--root', root]);
    expect(code).toBe(2);
    expect(stderr).toBe('bant model: "spin" is not a preset; expected one of bant-default, anum, champ, gpctba-ci, meddic\n');
  });
});
