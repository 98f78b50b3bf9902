import { describe, expect, it } from 'vitest';
import { validateModel } from '../../src/engine';
import type { Model } from '../../src/engine';
import { ACTIVE_MODEL, BANT_DEFAULT } from '../../src/models';
import { createModelResolver, createVersionStore, modelInUse, ModelUnavailableError } from '../../src/versions';
import { clientFor, usePortalServer } from '../crm/support';
import { defineModelVersionObject } from './support';

const usePortal = usePortalServer();
const AT = '2026-12-04T15:30:00.000Z';
const POINTER = 'GET /crm/v3/objects/p_bant_model_version/published';

const variant = (points: number): Model => {
  const model = structuredClone(BANT_DEFAULT);
  (model.criteria[0]!.rule as { bands: Array<{ points: number }> }).bands[0]!.points = points;
  return model;
};

async function publishedPortal(...models: Model[]) {
  const portal = usePortal({ rateLimit: false });
  const objectTypeId = defineModelVersionObject(portal);
  const crm = clientFor();
  const store = createVersionStore(crm);
  for (const model of models) await store.push(model, { by: 'ann', note: '' });
  if (models.length > 0) await store.publish(1, { by: 'ann', note: 'go', at: AT });
  portal.requests.clear();
  return { portal, crm, store, objectTypeId, calls: () => portal.requests.map((r) => `${r.method} ${r.path}`) };
}

describe('createModelResolver', () => {
  it('resolves the published version with one request and names it', async () => {
    const { crm, calls } = await publishedPortal(variant(25));
    const resolved = await createModelResolver({ bundled: ACTIVE_MODEL }).resolve(crm);
    expect(calls()).toEqual([POINTER]);
    expect(resolved).toMatchObject({ source: 'portal', description: 'the published version bant-default@1', version: { number: 1, name: 'bant-default@1', publishedBy: 'ann', publishedAt: AT } });
    expect(resolved.model.version).toBe('bant-default@1');
    expect(resolved.model.criteria[0]?.rule).toMatchObject({ bands: [{ points: 25 }, {}, {}] });
  });

  it('keeps the checked model while the published version is unchanged: one request per call, the same model object', async () => {
    const { crm, calls } = await publishedPortal(variant(25));
    const resolver = createModelResolver({ bundled: ACTIVE_MODEL });
    const first = await resolver.resolve(crm);
    const second = await resolver.resolve(crm);
    expect(calls()).toEqual([POINTER, POINTER]);
    expect(second).toBe(first);
  });

  it('follows a publish at the next call, and a rollback after it', async () => {
    const { crm, store } = await publishedPortal(variant(25), variant(20));
    const resolver = createModelResolver({ bundled: ACTIVE_MODEL });
    expect((await resolver.resolve(crm)).version?.name).toBe('bant-default@1');
    await store.publish(2, { by: 'bob', note: 'lower', at: AT });
    expect((await resolver.resolve(crm)).version?.name).toBe('bant-default@2');
    await store.publish(1, { by: 'bob', note: 'back', at: AT });
    expect((await resolver.resolve(crm)).version?.name).toBe('bant-default@1');
  });

  it('with a TTL, answers from the cache without a request until it expires', async () => {
    const { crm, calls } = await publishedPortal(variant(25));
    let now = 0;
    const resolver = createModelResolver({ bundled: ACTIVE_MODEL, ttlMs: 5_000, clock: () => now });
    await resolver.resolve(crm);
    now = 4_999;
    await resolver.resolve(crm);
    now = 5_000;
    await resolver.resolve(crm);
    expect(calls()).toEqual([POINTER, POINTER]);
  });

  it('falls back to the bundled model in a portal with no stored version, and says so', async () => {
    const portal = usePortal({ rateLimit: false });
    const resolved = await createModelResolver({ bundled: ACTIVE_MODEL }).resolve(clientFor());
    expect(portal.requests).toHaveLength(1);
    expect(resolved).toMatchObject({ source: 'bundled', version: null });
    expect(resolved.model).toBe(ACTIVE_MODEL.ok ? ACTIVE_MODEL.model : null);
    expect(resolved.description).toBe('the bundled model bant-default@1: this portal has no bant_model_version object yet (run bant setup), so no model version is published in this portal yet (bant model push, then bant model publish)');
  });

  it('refuses a published model edited by hand in HubSpot instead of scoring with something else', async () => {
    const { crm, portal, objectTypeId } = await publishedPortal(variant(25));
    const pointer = [...portal.store.objects[objectTypeId]!.values()].find((r) => r.properties.get('bant_key') === 'published')!;
    portal.updateRecord(objectTypeId, pointer.id, { bant_model_json: (pointer.properties.get('bant_model_json') ?? '').replace('"points":25', '"points":30') });
    const error = await createModelResolver({ bundled: ACTIVE_MODEL }).resolve(crm).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toBe('the published model cannot be used: bant-default@1: the stored model does not match its checksum; it was changed outside the BANT app; push a corrected model as a new version (bant model push), then publish it');
  });

  it('refuses to fall back to an invalid bundled model', async () => {
    usePortal({ rateLimit: false });
    const broken = validateModel({ ...BANT_DEFAULT, criteria: [] });
    const error = await createModelResolver({ bundled: broken }).resolve(clientFor()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelUnavailableError);
    expect((error as Error).message).toMatch(/and the bundled model src\/models\/bant-model\.json is invalid \(1 problem\(s\), first: criteria: /);
  });
});

describe('modelInUse', () => {
  it('takes a fixed model at no cost, and an invalid one as its problems', async () => {
    const portal = usePortal({ rateLimit: false });
    expect(await modelInUse({ ok: true, model: BANT_DEFAULT }, clientFor())).toEqual({ ok: true, model: BANT_DEFAULT, resolved: null });
    const broken = validateModel({ ...BANT_DEFAULT, criteria: [] });
    expect(await modelInUse(broken, clientFor())).toEqual({ ok: false, problems: broken.ok ? [] : broken.problems, source: 'bundled' });
    expect(portal.requests).toHaveLength(0);
  });

  it('reads the published one through a resolver, and turns one that cannot be used into its problem', async () => {
    const { crm, portal, objectTypeId } = await publishedPortal(variant(25));
    const resolver = createModelResolver({ bundled: ACTIVE_MODEL });
    expect(await modelInUse(resolver, crm)).toMatchObject({ ok: true, model: { version: 'bant-default@1' }, resolved: { source: 'portal' } });
    const pointer = [...portal.store.objects[objectTypeId]!.values()].find((r) => r.properties.get('bant_key') === 'published')!;
    portal.updateRecord(objectTypeId, pointer.id, { bant_model_json: '{' });
    // The checked copy of an unchanged version (number and checksum) is kept; a fresh instance reads the damage.
    expect(await modelInUse(resolver, crm)).toMatchObject({ ok: true });
    expect(await modelInUse(createModelResolver({ bundled: ACTIVE_MODEL }), crm)).toEqual({
      ok: false, source: 'portal',
      problems: [{ path: '', code: 'model.unavailable', params: { reason: expect.stringMatching(/^the published model cannot be used: bant-default@1: the stored model JSON cannot be read/) }, message: expect.stringMatching(/^the published model cannot be used: bant-default@1: the stored model JSON cannot be read/) }],
    });
  });
});
