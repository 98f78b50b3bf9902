import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { seedDemoPortal } from '../../src/portal';
import { runCli } from '../support/runCli';
import { useLocalPortal } from '../support/localPortal';
import { defineModelVersionObject } from '../versions/support';

const local = useLocalPortal();

async function file(content: unknown): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'bant-versions-')), 'model.json');
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const variant = (points: number): Model => {
  const model = structuredClone(BANT_DEFAULT);
  (model.criteria[0]!.rule as { bands: Array<{ points: number }> }).bands[0]!.points = points;
  return model;
};

function bant(...args: string[]) {
  return runCli(['model', ...args], '', { ...local.env(), BANT_USER: 'ann@example.com' });
}

describe('bant model push, publish, history, pull, diff, rollback', () => {
  it('takes a model from a file to published, and back, with config as code', async () => {
    defineModelVersionObject(local.portal());

    const first = await bant('push', await file(BANT_DEFAULT), '--note', 'as shipped');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^version 1\nPushed bant-default@1 as a draft \(checksum [0-9a-f]{12}\)\.\nNothing is published yet\.\n/);

    const published = await bant('publish', '1', '--note', 'go live');
    expect(published).toMatchObject({ code: 0, stderr: '' });
    expect(published.stdout).toMatch(/^Published bant-default@1\.\n/);

    const second = await bant('push', await file(variant(25)), '--note', '2027 bands');
    expect(second.stdout).toContain('version 2\nPushed bant-default@2 as a draft');
    expect(second.stdout).toContain('Against the published bant-default@1: \n  Budget ≥ 100,000 now earns 25 instead of 30\n');

    const diff = await bant('diff', 'published', '2');
    expect(diff.stdout).toBe('bant-default@1 (published) → bant-default@2: 1 change\n  Budget ≥ 100,000 now earns 25 instead of 30\n');

    expect((await bant('publish', '2', '--note', '2027 bands live')).stdout).toMatch(/^Published bant-default@2 \(was bant-default@1\)\.\n/);
    const history = await bant('history');
    expect(history.stdout).toMatch(/^ {4}2 {2}bant-default@2 {11}published {12}created by ann@example\.com at \S+: "2027 bands", published by ann@example\.com at \S+: "2027 bands live"\n/);
    expect(history.stdout).toMatch(/\n {4}1 {2}bant-default@1 {11}previously published {1}created by ann@example\.com at \S+: "as shipped", last published by ann@example\.com at \S+: "go live"\nPublished: bant-default@2\.\n$/);

    const out = join(await mkdtemp(join(tmpdir(), 'bant-pull-')), 'pulled.json');
    const pull = await bant('pull', '--out', out);
    expect(pull.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ ...variant(25), version: 'bant-default@2' });

    const rollback = await bant('rollback', '--note', 'numbers looked wrong');
    expect(rollback.stdout).toMatch(/^Rolled back to bant-default@1 \(was bant-default@2\)\.\n/);
    expect(JSON.parse((await bant('pull')).stdout).version).toBe('bant-default@1');
  });

  it('pushes from CI with --json and stores identical content once', async () => {
    defineModelVersionObject(local.portal());
    const path = await file(BANT_DEFAULT);
    expect(JSON.parse((await bant('push', path, '--json')).stdout)).toMatchObject({ state: 'pushed', number: 1, name: 'bant-default@1' });
    const again = await bant('push', path);
    expect(again).toMatchObject({ code: 0, stdout: `${path} is identical to bant-default@1 (version 1); nothing was pushed.\n` });
  });

  it('refuses an invalid file with every problem by path, and pushes nothing', async () => {
    defineModelVersionObject(local.portal());
    const model = structuredClone(BANT_DEFAULT);
    model.qualification.minScore = 140;
    const path = await file(model);
    const { code, stderr } = await bant('push', path);
    expect(code).toBe(2);
    expect(stderr).toContain(`bant model: ${path} was not pushed: it is invalid:\n  qualification.minScore: `);
    expect(local.requests().filter((r) => r.startsWith('POST'))).toEqual([]);
  });

  it('publishes nothing without a note, when it is already published, or when someone published meanwhile', async () => {
    defineModelVersionObject(local.portal());
    await bant('push', await file(BANT_DEFAULT));
    await bant('push', await file(variant(25)));

    expect(await bant('publish', '1')).toMatchObject({ code: 2, stderr: 'bant model: --note is required: say why you publish version 1; it is kept in the history\n' });
    await bant('publish', '1', '--note', 'go');
    expect(await bant('publish', '1', '--note', 'again')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^bant model publish: bant-default@1 is already the published version/) });
    const stale = await bant('publish', '2', '--note', 'x', '--expect', 'none');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^bant model publish: when you looked, nothing was published; since then bant-default@1 was published by ann@example\.com at /);
    expect(await bant('publish', '7', '--note', 'x')).toMatchObject({ code: 2, stderr: 'bant model: there is no version 7 in this portal; bant model history lists them\n' });
  });

  it('says what to do in a portal where nothing is stored', async () => {
    expect(await bant('pull')).toMatchObject({ code: 1, stderr: 'bant model pull: this portal has no bant_model_version object yet (run bant setup), so no model version is published in this portal yet (bant model push, then bant model publish); the bundled model is src/models/bant-model.json\n' });
    defineModelVersionObject(local.portal());
    expect((await bant('history')).stdout).toBe('No model version is stored in this portal: every adapter scores with the bundled model.\nStore one with: bant model push src/models/bant-model.json --note "<why>"\n');
    expect(await bant('rollback', '--note', 'x')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^bant model: nothing to roll back: no model version is published/) });
  });

  it('diffs a file against a version and backtests both on the portal\'s closed deals with --backtest', async () => {
    const portal = local.portal();
    defineModelVersionObject(portal);
    seedDemoPortal(portal, { contacts: 80 });
    await bant('push', await file(BANT_DEFAULT));
    const draft = structuredClone(BANT_DEFAULT);
    draft.qualification.minScore = 60;
    portal.requests.clear();

    const { code, stdout } = await bant('diff', '1', await file(draft), '--backtest', '--now', '2026-11-23T09:00:00Z');

    expect(code).toBe(0);
    expect(stdout).toMatch(/^bant-default@1 → \S+model\.json: 1 change\n {2}Qualified now needs a score of 60 instead of 70\n\nBacktest of the portal: \d+ rows?, \d+ leads? scored/);
    expect(stdout).toMatch(/\n {2}Verdict {12}bant-default@1 {2}qualified .*\n {21}model\.json {6}qualified /);
    expect(local.requests().filter((r) => r.startsWith('GET /crm/v3/objects/contacts'))).not.toHaveLength(0);
  });
});
