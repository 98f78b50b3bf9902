import type { CrmClient } from '../crm';
import { CrmError } from '../crm';
import type { Model, ModelProblem } from '../engine';
import {
  MODEL_VERSION_OBJECT, MODEL_VERSION_OBJECT_PATH, planPublish, POINTER_KEY, POINTER_PROPERTIES, pointerRecordProperties, prepareDraft, prepareNumbered,
  PROGRESS_KEY, PROPERTY, progressRecordProperties, readPointer, readProgress, readStoredVersion, readVersionSummary, SUMMARY_PROPERTIES,
  VERSION_PROPERTIES, versionKey, versionRecordProperties,
} from '../modelstore';
import type { PublishPlan, PublishedPointer, BackgroundRescore, StoredVersion, VersionSummary } from '../modelstore';

/** The CRM adapter calls the model versions need. */
export type VersionCrm = Pick<CrmClient, 'readObject' | 'readObjects' | 'listObjects' | 'createObject' | 'updateObject'>;
/** The one call that reads which version is published (what every adapter pays per call). */
export type PointerCrm = Pick<CrmClient, 'readObject'>;

export type PointerRead =
  | { state: 'published'; pointer: PublishedPointer }
  /** No version is published: the object is missing (bant setup has not run since this change) or nothing was published yet. */
  | { state: 'none'; reason: string };

export type PushResult =
  | { state: 'pushed'; version: StoredVersion; model: Model }
  | { state: 'identical'; version: VersionSummary }
  | { state: 'invalid'; problems: ModelProblem[] };

export type PublishResult =
  | { state: 'published'; plan: Extract<PublishPlan, { ok: true }> }
  | { state: 'refused'; code: Extract<PublishPlan, { ok: false }>['code'] | 'not_found'; message: string };

const NO_VERSION = 'no model version is published in this portal yet (bant model push, then bant model publish)';
/** A push that loses its number to a concurrent push takes the next one, this many times at most. */
const PUSH_ATTEMPTS = 5;

/**
 * Which version is published: one request for the pointer record, which carries the published
 * model's JSON. A portal without the custom object, or with nothing published, is `none` with why.
 */
export async function readPublishedPointer(crm: PointerCrm): Promise<PointerRead> {
  let record;
  try {
    record = await crm.readObject(MODEL_VERSION_OBJECT_PATH, POINTER_KEY, POINTER_PROPERTIES, { idProperty: PROPERTY.key });
  } catch (error) {
    // HubSpot answers a path naming an object type the account lacks with 400 "Unable to infer object type".
    if (error instanceof CrmError && error.code === 'VALIDATION' && /object type/i.test(error.message)) {
      return { state: 'none', reason: `this portal has no ${MODEL_VERSION_OBJECT} object yet (run bant setup), so ${NO_VERSION}` };
    }
    throw error;
  }
  const pointer = record ? readPointer(record.properties, record.id) : null;
  return pointer ? { state: 'published', pointer } : { state: 'none', reason: NO_VERSION };
}

/**
 * The model's versions in the portal, through the CRM adapter: the pointer to the published
 * version, the versions themselves, pushing a draft (the next number, `<model id>@<n>`), publishing
 * (one write to the pointer) and the background rescore's progress. The rules live in src/modelstore.
 */
export function createVersionStore(crm: VersionCrm) {
  const byKey = { idProperty: PROPERTY.key };
  // Progress is written often: after the first write, update without asking.
  let progressExists = false;

  const readPointerRecord = () => readPublishedPointer(crm);

  async function listVersions(): Promise<VersionSummary[]> {
    const versions: VersionSummary[] = [];
    let after: string | undefined;
    do {
      const page = await crm.listObjects(MODEL_VERSION_OBJECT_PATH, { limit: 100, properties: [...SUMMARY_PROPERTIES, 'hs_createdate'], ...(after ? { after } : {}) });
      for (const record of page.results) {
        const version = readVersionSummary(record.properties, record.id, record.properties.hs_createdate ?? '');
        if (version) versions.push(version);
      }
      after = page.after;
    } while (after);
    return versions.sort((a, b) => a.number - b.number);
  }

  async function readVersion(number: number): Promise<StoredVersion | null> {
    const record = await crm.readObject(MODEL_VERSION_OBJECT_PATH, versionKey(number), VERSION_PROPERTIES, byKey);
    return record ? readStoredVersion(record.properties, record.id, record.createdAt) : null;
  }

  /** Stores a model as the next version (a draft); the same content is not stored twice. */
  async function push(input: unknown, context: { by: string; note: string; basedOn?: number | null }): Promise<PushResult> {
    const versions = await listVersions();
    let plan = prepareDraft(input, { ...context, versions });
    for (let attempt = 1; ; attempt++) {
      if (!plan.ok) return { state: 'invalid', problems: plan.problems };
      if ('identicalTo' in plan) return { state: 'identical', version: plan.identicalTo };
      try {
        const record = await crm.createObject(MODEL_VERSION_OBJECT_PATH, versionRecordProperties(plan.version));
        return { state: 'pushed', version: { ...plan.version, recordId: record.id, createdAt: record.properties.hs_createdate ?? '' }, model: plan.model };
      } catch (error) {
        // The unique key v<n> was taken by a push that listed the versions at the same time: take the next number.
        if (!(error instanceof CrmError && error.code === 'CONFLICT') || attempt >= PUSH_ATTEMPTS) throw error;
        plan = prepareNumbered(plan.model, plan.version.number + 1, { ...context, versions });
      }
    }
  }

  /** Publishes version `number` by rewriting the pointer in one request; rolling back is publishing an older one. */
  async function publish(number: number, request: { by: string; note: string; at: string; expected?: number | null }): Promise<PublishResult> {
    const [target, current] = await Promise.all([readVersion(number), readPointerRecord()]);
    if (!target) return { state: 'refused', code: 'not_found', message: `there is no version ${number} in this portal; bant model history lists them` };
    const pointer = current.state === 'published' ? current.pointer : null;
    const plan = planPublish(target, pointer, request);
    if (!plan.ok) return { state: 'refused', code: plan.code, message: plan.message };
    const properties = pointerRecordProperties(plan.pointer);
    await write(POINTER_KEY, properties, pointer !== null);
    return { state: 'published', plan };
  }

  async function readRescoreProgress(): Promise<BackgroundRescore | null> {
    const record = await crm.readObject(MODEL_VERSION_OBJECT_PATH, PROGRESS_KEY, [PROPERTY.progress], byKey);
    return readProgress(record?.properties);
  }

  async function writeRescoreProgress(progress: BackgroundRescore): Promise<void> {
    await write(PROGRESS_KEY, progressRecordProperties(progress), progressExists);
    progressExists = true;
  }

  /** The pointer and the progress in one request, for the settings page. */
  async function readPublishedAndProgress(): Promise<{ pointer: PublishedPointer | null; progress: BackgroundRescore | null }> {
    const found = await crm.readObjects(MODEL_VERSION_OBJECT_PATH, [POINTER_KEY, PROGRESS_KEY], [...POINTER_PROPERTIES, PROPERTY.progress], byKey);
    const pointerProperties = found.get(POINTER_KEY);
    return {
      pointer: pointerProperties ? readPointer(pointerProperties, String(pointerProperties.hs_object_id ?? '')) : null,
      progress: readProgress(found.get(PROGRESS_KEY)),
    };
  }

  /**
   * One write to a record addressed by its key: an update when it is known to exist, else a create;
   * when the guess is wrong (someone else created it, or it was deleted) the other one follows.
   */
  async function write(key: string, properties: Record<string, string>, exists: boolean): Promise<void> {
    const update = () => crm.updateObject(MODEL_VERSION_OBJECT_PATH, key, properties, byKey);
    const create = () => crm.createObject(MODEL_VERSION_OBJECT_PATH, properties);
    try {
      await (exists ? update() : create());
    } catch (error) {
      const wrongGuess = error instanceof CrmError && (exists ? error.code === 'NOT_FOUND' : error.code === 'CONFLICT');
      if (!wrongGuess) throw error;
      await (exists ? create() : update());
    }
  }

  return { readPointer: readPointerRecord, listVersions, readVersion, push, publish, readRescoreProgress, writeRescoreProgress, readPublishedAndProgress };
}

export type VersionStore = ReturnType<typeof createVersionStore>;
