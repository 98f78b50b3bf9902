import { describe, expect, it } from 'vitest';
import { CrmError } from '../../src/crm';
import { validateModel } from '../../src/engine';
import type { Model } from '../../src/engine';
import { BANT_DEFAULT } from '../../src/models';
import { modelChecksum } from '../../src/modelstore';
import { createVersionStore } from '../../src/versions';
import { clientFor, usePortalServer } from '../crm/support';
import { defineModelVersionObject } from './support';

const usePortal = usePortalServer();
const PATH = '/crm/v3/objects/p_bant_model_version';
const AT = '2026-12-04T15:30:00.000Z';

const variant = (points: number): Model => {
  const model = structuredClone(BANT_DEFAULT);
  (model.criteria[0]!.rule as { bands: Array<{ points: number }> }).bands[0]!.points = points;
  return model;
};

function setup() {
  const portal = usePortal({ rateLimit: false });
  const objectTypeId = defineModelVersionObject(portal);
  const store = createVersionStore(clientFor());
  return { portal, store, objectTypeId, calls: () => portal.requests.map((r) => `${r.method} ${r.path}`) };
}

describe('the model versions in the portal', () => {
  it('pushes a draft as one listing and one create, named <model id>@<n>, with the exact properties', async () => {
    const { portal, store, calls } = setup();

    const result = await store.push(BANT_DEFAULT, { by: 'ann@example.com (HubSpot user 7)', note: 'first', basedOn: null });

    expect(calls()).toEqual([`GET ${PATH}`, `POST ${PATH}`]);
    expect(portal.requests[0]?.query).toEqual({ limit: '100', properties: expect.arrayContaining(['bant_key', 'bant_version_number', 'hs_createdate']) });
    const checked = validateModel(BANT_DEFAULT);
    // The stored JSON is the model as validation reads it, so key order follows the model schema.
    const json = JSON.stringify({ ...(checked.ok ? checked.model : {}), version: 'bant-default@1' });
    expect(JSON.parse(json)).toEqual({ ...BANT_DEFAULT, version: 'bant-default@1' });
    expect(portal.requests[1]?.body).toEqual({
      properties: {
        bant_key: 'v1', bant_record_kind: 'version', bant_name: 'bant-default@1', bant_version_number: '1', bant_model_id: 'bant-default',
        bant_model_json: json, bant_checksum: modelChecksum(BANT_DEFAULT), bant_created_by: 'ann@example.com (HubSpot user 7)', bant_note: 'first',
      },
      associations: [],
    });
    expect(result).toMatchObject({ state: 'pushed', version: { number: 1, name: 'bant-default@1' } });
  });

  it('counts n up per portal, whatever the model, and stores the same content only once', async () => {
    const { store } = setup();
    await store.push(BANT_DEFAULT, { by: 'a', note: '' });
    const meddic = structuredClone(BANT_DEFAULT);
    meddic.id = 'custom';
    expect(await store.push(meddic, { by: 'a', note: '' })).toMatchObject({ state: 'pushed', version: { number: 2, name: 'custom@2' } });
    expect(await store.push({ ...BANT_DEFAULT, version: 'whatever' }, { by: 'a', note: '' })).toMatchObject({ state: 'identical', version: { number: 1 } });
    expect((await store.listVersions()).map((v) => v.name)).toEqual(['bant-default@1', 'custom@2']);
  });

  it('takes the next number when a concurrent push took its number (the unique key answers 409)', async () => {
    const { portal, store, objectTypeId } = setup();
    await store.push(BANT_DEFAULT, { by: 'a', note: '' });
    // Someone else's v2 lands between our listing and our create.
    const race = createVersionStore({
      ...clientFor(),
      listObjects: async (...args) => {
        const page = await clientFor().listObjects(...args);
        portal.createRecord(objectTypeId, { bant_key: 'v2', bant_record_kind: 'version', bant_name: 'other@2', bant_version_number: '2', bant_model_id: 'other' });
        return page;
      },
    });

    const result = await race.push(variant(25), { by: 'b', note: '' });

    expect(result).toMatchObject({ state: 'pushed', version: { number: 3, name: 'bant-default@3' } });
    expect(portal.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([201, 409, 201]);
  });

  it('publishes with one write to the pointer (created the first time, updated after) and reads it back in one request', async () => {
    const { portal, store, calls } = setup();
    await store.push(BANT_DEFAULT, { by: 'a', note: '' });
    await store.push(variant(25), { by: 'a', note: '' });
    portal.requests.clear();

    const first = await store.publish(1, { by: 'ann', note: 'go live', at: AT });
    expect(first.state).toBe('published');
    expect(calls()).toEqual([`GET ${PATH}/v1`, `GET ${PATH}/published`, `POST ${PATH}`]);
    portal.requests.clear();

    await store.publish(2, { by: 'bob', note: '2027 bands', at: AT });
    expect(calls()).toEqual([`GET ${PATH}/v2`, `GET ${PATH}/published`, `PATCH ${PATH}/published`]);
    expect(portal.requests[2]?.query).toEqual({ idProperty: 'bant_key' });
    expect(portal.requests[2]?.body).toMatchObject({ properties: { bant_key: 'published', bant_version_number: '2', bant_published_by: 'bob', bant_note: '2027 bands' } });
    portal.requests.clear();

    const read = await store.readPointer();
    expect(calls()).toEqual([`GET ${PATH}/published`]);
    expect(read).toMatchObject({ state: 'published', pointer: { number: 2, name: 'bant-default@2', by: 'bob', note: '2027 bands' } });
    expect(read.state === 'published' && read.pointer.publications.map((p) => [p.number, p.by, p.note])).toEqual([[1, 'ann', 'go live'], [2, 'bob', '2027 bands']]);
  });

  it('keeps every version as it was pushed: publishing writes only the pointer', async () => {
    const { portal, store, objectTypeId } = setup();
    await store.push(BANT_DEFAULT, { by: 'a', note: '' });
    const before = structuredClone(portal.getRecord(objectTypeId, '1'));
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    expect(portal.getRecord(objectTypeId, '1')).toEqual(before);
    expect(portal.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('reports no published version when the object is missing or nothing was published', async () => {
    const portal = usePortal({ rateLimit: false });
    const store = createVersionStore(clientFor());
    expect(await store.readPointer()).toEqual({ state: 'none', reason: 'this portal has no bant_model_version object yet (run bant setup), so no model version is published in this portal yet (bant model push, then bant model publish)' });
    defineModelVersionObject(portal);
    expect(await store.readPointer()).toEqual({ state: 'none', reason: 'no model version is published in this portal yet (bant model push, then bant model publish)' });
  });

  it('refuses to publish a version that does not exist, and lets HubSpot failures through as CrmError', async () => {
    const { portal, store } = setup();
    expect(await store.publish(9, { by: 'a', note: 'x', at: AT })).toMatchObject({ state: 'refused', code: 'not_found' });
    portal.failNext({ path: `${PATH}/published`, status: 500, count: 5 });
    await expect(store.readPointer()).rejects.toBeInstanceOf(CrmError);
  });

  it('writes and reads the rescore progress, and reads it with the pointer in one batch request', async () => {
    const { portal, store, calls } = setup();
    await store.push(BANT_DEFAULT, { by: 'a', note: '' });
    await store.publish(1, { by: 'ann', note: 'go', at: AT });
    const progress = { name: 'bant-default@1', checksum: 'c', state: 'running' as const, done: 200, total: 300, written: 150, errors: 0, startedAt: AT, updatedAt: AT };
    await store.writeRescoreProgress(progress);
    await store.writeRescoreProgress({ ...progress, done: 300, state: 'done' });
    portal.requests.clear();

    const both = await store.readPublishedAndProgress();

    expect(calls()).toEqual([`POST ${PATH}/batch/read`]);
    expect(portal.requests[0]?.body).toMatchObject({ inputs: [{ id: 'published' }, { id: 'rescore' }], idProperty: 'bant_key' });
    expect(both.pointer?.name).toBe('bant-default@1');
    expect(both.progress).toMatchObject({ state: 'done', done: 300, total: 300 });
  });
});
