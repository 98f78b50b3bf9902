import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { PRESETS } from '../../src/models/catalog';
import { MAX_TEXT_LENGTH, modelChecksum, planPublish, prepareDraft, readVersionModel, versionHistory } from '../../src/modelstore';
import type { PublishedPointer, StoredVersion, VersionSummary } from '../../src/modelstore';

const AT = '2026-12-04T15:30:00.000Z';

function summary(number: number, model: Model = BANT_DEFAULT): VersionSummary {
  const named = { ...model, version: `${model.id}@${number}` };
  return { recordId: String(100 + number), number, name: named.version, modelId: model.id, checksum: modelChecksum(named), createdBy: 'ann', createdAt: AT, note: '', basedOn: null };
}

function stored(number: number, model: Model = BANT_DEFAULT): StoredVersion {
  return { ...summary(number, model), json: JSON.stringify({ ...model, version: `${model.id}@${number}` }) };
}

function pointerTo(version: StoredVersion, history: number[] = [version.number]): PublishedPointer {
  return {
    recordId: '1', number: version.number, name: version.name, modelId: version.modelId, checksum: version.checksum, json: version.json, by: 'ann', at: AT, note: 'go',
    publications: history.map((n) => ({ number: n, name: `bant-default@${n}`, checksum: 'x', by: 'ann', at: AT, note: `publish ${n}` })),
  };
}

const variant = (points: number): Model => {
  const model = structuredClone(BANT_DEFAULT);
  (model.criteria[0]!.rule as { bands: Array<{ points: number }> }).bands[0]!.points = points;
  return model;
};

describe('modelChecksum', () => {
  it('ignores the version name and the order of keys, and changes with any content', () => {
    const reordered = Object.fromEntries(Object.entries(BANT_DEFAULT).reverse());
    expect(modelChecksum({ ...BANT_DEFAULT, version: 'x@7' })).toBe(modelChecksum(reordered));
    expect(modelChecksum(variant(29))).not.toBe(modelChecksum(BANT_DEFAULT));
    expect(modelChecksum(BANT_DEFAULT)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('prepareDraft', () => {
  it('numbers the draft after the highest stored version and names it <model id>@<n> inside the model too', () => {
    const plan = prepareDraft(variant(25), { versions: [summary(1), summary(3, variant(28))], by: 'ann@example.com', note: '  2027 bands ' });
    if (!plan.ok || !('version' in plan)) throw new Error('expected a draft');
    expect(plan.version).toMatchObject({ number: 4, name: 'bant-default@4', modelId: 'bant-default', createdBy: 'ann@example.com', note: '2027 bands', basedOn: null });
    expect(JSON.parse(plan.version.json).version).toBe('bant-default@4');
    expect(plan.version.checksum).toBe(modelChecksum(variant(25)));
  });

  it('starts at 1 in a portal without versions', () => {
    const plan = prepareDraft(BANT_DEFAULT, { versions: [], by: 'ci', note: '' });
    expect(plan.ok && 'version' in plan && plan.version.name).toBe('bant-default@1');
  });

  it('pushes nothing when the same content is stored, naming that version', () => {
    const plan = prepareDraft({ ...BANT_DEFAULT, version: 'anything' }, { versions: [summary(1), summary(2, variant(20))], by: 'ci', note: '' });
    expect(plan.ok && 'identicalTo' in plan && plan.identicalTo.number).toBe(1);
  });

  it('refuses an invalid model with the same problems as bant check --offline', () => {
    const model = structuredClone(BANT_DEFAULT);
    model.qualification.minScore = 140;
    const plan = prepareDraft(model, { versions: [], by: 'ci', note: '' });
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.problems.map((p) => p.path)).toContain('qualification.minScore');
  });

  it('refuses a model whose JSON would not fit one HubSpot text property, saying how long it is', () => {
    const model = structuredClone(BANT_DEFAULT);
    model.description = 'x'.repeat(MAX_TEXT_LENGTH);
    const plan = prepareDraft(model, { versions: [], by: 'ci', note: '' });
    const checked = validateModel(model);
    const length = JSON.stringify({ ...(checked.ok ? checked.model : {}), version: 'bant-default@1' }).length;
    expect(length).toBeGreaterThan(MAX_TEXT_LENGTH);
    expect(!plan.ok && plan.problems[0]?.message).toBe(`the model is ${length.toLocaleString('en-US')} characters as JSON, more than the 65,536 a HubSpot text property holds, so it cannot be stored as one version; shorten descriptions, questions or translations (nothing was pushed)`);
  });

  it('fits every shipped model, texts in four languages included, with room to spare (largest under a third of the limit)', () => {
    const presets = [BANT_DEFAULT, ...PRESETS.map((p) => (p.checked.ok ? p.checked.model : BANT_DEFAULT))];
    expect(presets).toHaveLength(6);
    for (const model of presets) {
      const plan = prepareDraft(model, { versions: [], by: 'ci', note: '' });
      expect(plan.ok && 'version' in plan && plan.version.json.length).toBeLessThan(MAX_TEXT_LENGTH / 3);
    }
  });
});

describe('planPublish', () => {
  const v1 = stored(1);
  const v2 = stored(2, variant(25));

  it('writes everything about the version to the pointer and appends the publication', () => {
    const plan = planPublish(v2, pointerTo(v1), { by: 'ann', note: ' 2027 bands ', at: AT });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.pointer).toMatchObject({ number: 2, name: 'bant-default@2', checksum: v2.checksum, json: v2.json, by: 'ann', at: AT, note: '2027 bands' });
    expect(plan.pointer.publications.map((p) => p.number)).toEqual([1, 2]);
    expect(plan).toMatchObject({ rollback: false, previous: { number: 1, name: 'bant-default@1' } });
    expect(plan.model.version).toBe('bant-default@2');
  });

  it('calls publishing an older version a rollback', () => {
    const plan = planPublish(v1, pointerTo(v2, [1, 2]), { by: 'ann', note: 'numbers looked wrong', at: AT });
    expect(plan.ok && plan.rollback).toBe(true);
  });

  it.each<[string, Parameters<typeof planPublish>, string, RegExp]>([
    ['without a note', [v2, null, { by: 'ann', note: '  ', at: AT }], 'note_missing', /^say why you publish bant-default@2/],
    ['what is already published', [v1, pointerTo(v1), { by: 'ann', note: 'again', at: AT }], 'already_published', /^bant-default@1 is already the published version \(since 2026-12-04T15:30:00.000Z\); nothing changed$/],
    ['when someone published since the caller looked', [v1, pointerTo(v2), { by: 'ann', note: 'x', at: AT, expected: 1 }], 'stale', /^when you looked, version 1 was published; since then bant-default@2 was published by ann at .+ \(nothing was published\)$/],
    ['a version edited outside the app', [{ ...v2, json: v2.json.replace('"points":25', '"points":24') }, null, { by: 'ann', note: 'x', at: AT }], 'stored_model_invalid', /^bant-default@2: the stored model does not match its checksum; it was changed outside the BANT app/],
  ])('refuses to publish %s', (_, args, code, message) => {
    const plan = planPublish(...args);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.code).toBe(code);
    expect(!plan.ok && plan.message).toMatch(message);
  });

  it('keeps the publication log within one text property, dropping the oldest', () => {
    const many = Array.from({ length: 600 }, (_, i) => i % 2 + 1);
    const plan = planPublish(v2, { ...pointerTo(v1, many), publications: many.map((n, i) => ({ number: n, name: `bant-default@${n}`, checksum: 'c'.repeat(64), by: 'someone@example.com', at: AT, note: `publication ${i}` })) }, { by: 'ann', note: 'last', at: AT });
    if (!plan.ok) throw new Error(plan.message);
    expect(JSON.stringify(plan.pointer.publications).length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(plan.pointer.publications.at(-1)?.note).toBe('last');
    expect(plan.pointer.publications.length).toBeLessThan(601);
  });
});

describe('readVersionModel', () => {
  it('accepts an intact version and refuses one renamed or not JSON', () => {
    const v = stored(3);
    expect(readVersionModel(v.json, v.checksum, v.name).ok).toBe(true);
    expect(readVersionModel(v.json, v.checksum, 'bant-default@4')).toMatchObject({ ok: false, message: expect.stringMatching(/calls itself bant-default@3/) });
    expect(readVersionModel('{', v.checksum, v.name)).toMatchObject({ ok: false, message: expect.stringMatching(/cannot be read/) });
  });
});

describe('versionHistory', () => {
  it('lists versions newest first as published, previously published or draft, with the last publication', () => {
    const rows = versionHistory([summary(1), summary(2), summary(3)], pointerTo(stored(2), [1, 2, 1, 2]));
    expect(rows.map((r) => [r.number, r.status, r.lastPublished?.note ?? null])).toEqual([
      [3, 'draft', null], [2, 'published', 'publish 2'], [1, 'previously published', 'publish 1'],
    ]);
  });
});
