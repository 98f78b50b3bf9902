import type { CrmClient } from '../crm';
import { modelChecksum } from '../modelstore';
import type { BackgroundRescore, RescorePart } from '../modelstore';
import { partCheckpoint, readCheckpoint, removeCheckpoint, writeCheckpoint } from '../rescore/checkpoint';
import { describeOutputProblems, outputProblems } from '../rescore/outputProblems';
import { rescoreCommittees } from '../rescore/rescoreCommittees';
import type { CommitteeRescoreCrm } from '../rescore/rescoreCommittees';
import { rescoreContacts } from '../rescore/rescoreContacts';
import type { RescoreCrm, RescoreResult } from '../rescore/rescoreContacts';
import type { RescoreIdentity } from '../rescore/types';
import { specsFor } from '../setup/propertySpecs';
import type { ModelResolver, ResolvedModel } from './createModelResolver';
import { createVersionStore } from './createVersionStore';
import type { VersionCrm } from './createVersionStore';

export type FollowerCrm = RescoreCrm & CommitteeRescoreCrm & VersionCrm & Pick<CrmClient, 'getAccountInfo' | 'getProperties'>;
type PublishedVersion = NonNullable<ResolvedModel['version']>;

export interface FollowerOptions {
  crm: FollowerCrm;
  /** The resolver the process scores with: a poll refreshes its cache for the deliveries too. */
  resolver: ModelResolver;
  /** HUBSPOT_API_BASE_URL, for the checkpoint's identity. */
  baseUrl: string;
  /** Where the background rescore keeps its place, so a restarted process continues it. */
  checkpointFile: string;
  /** The clock scoring uses. */
  now: () => Date;
  log?: (line: string) => void;
  /** The progress record is written at most this often while a rescore runs (default 5 s), and at its end. */
  progressEveryMs?: number;
  /** After a rescore stopped (HubSpot failing), the next try waits this long (default 60 s). */
  retryAfterMs?: number;
  /** Monotonic ms, for the two intervals above. */
  clock?: () => number;
}

/**
 * What follows a publish: the next `check()` (the receiver calls it every few seconds) reads which
 * version is published and, when the contacts are not yet known to carry it, rescores every
 * contact with it in the background: one window of 1,000 at a time through the process's shared
 * rate limiter (so webhook deliveries keep their share), keeping a checkpoint (a restarted process
 * continues where it stopped) and writing its progress to the portal (contacts done of total,
 * errors) for the settings page. When the model rolls up buying committees, the deals and then
 * the companies follow the contacts the same way (each with its own checkpoint beside the
 * contacts', and its progress as a part of the same record). A newer publish stops the running
 * rescore and starts one for the new version. While no version is published, nothing is rescored.
 * @example const follower = followPublished({ crm, resolver, baseUrl, checkpointFile, now: () => new Date() }); setInterval(follower.check, 5_000);
 */
export function followPublished(options: FollowerOptions) {
  const store = createVersionStore(options.crm);
  const log = options.log ?? (() => {});
  const clock = options.clock ?? (() => performance.now());
  const progressEveryMs = options.progressEveryMs ?? 5_000;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  let portalId: string | undefined;
  /** What the portal's progress record says, read once; then what this process wrote last. */
  let known: BackgroundRescore | null | undefined;
  let running: { key: string; stop: AbortController; done: Promise<void> } | undefined;
  let stoppedAt: { key: string; at: number } | undefined;
  let checking: Promise<void> | undefined;

  /** One poll: never throws (a failure is logged and the next poll tries again). */
  function check(): Promise<void> {
    checking ??= poll().catch((error: unknown) => log(`background rescore: could not check the published model: ${(error as Error).message}`)).finally(() => {
      checking = undefined;
    });
    return checking;
  }

  async function poll(): Promise<void> {
    const resolved = await options.resolver.resolve(options.crm);
    if (!resolved.version) return;
    const key = keyOf(resolved.version);
    if (running?.key === key) return;
    if (running) {
      log(`background rescore: ${resolved.version.name} was published; stopping the rescore to ${running.key.split('|')[0]}`);
      running.stop.abort(NEWER);
      await running.done;
    }
    known ??= await store.readRescoreProgress();
    if (known && keyOf(known) === key && known.state === 'done') return;
    if (stoppedAt?.key === key && clock() - stoppedAt.at < retryAfterMs) return;
    start(resolved, resolved.version, key);
  }

  function start(resolved: ResolvedModel, version: PublishedVersion, key: string): void {
    const stop = new AbortController();
    const done = run(resolved, version, stop.signal).catch((error: unknown) => {
      log(`background rescore: stopped: ${(error as Error).message}`);
      stoppedAt = { key, at: clock() };
    }).finally(() => {
      if (running?.key === key) running = undefined;
    });
    running = { key, stop, done };
  }

  async function run(resolved: ResolvedModel, version: PublishedVersion, signal: AbortSignal): Promise<void> {
    portalId ??= (await options.crm.getAccountInfo()).portalId;
    const now = options.now();
    const { model } = resolved;
    const base = { portalId, baseUrl: options.baseUrl, modelVersion: version.name, modelChecksum: modelChecksum(model), selection: { kind: 'all' as const }, now: null };
    const committees = COMMITTEE_OBJECTS.filter((object) => model.committee?.[object] === true);
    // Parts are written once every contact is done: a record with parts for this version means the contacts are.
    const earlier = known && keyOf(known) === keyOf(version) && known.parts ? known : null;
    let progress: BackgroundRescore;
    if (earlier) {
      progress = { ...earlier, state: 'running', updatedAt: now.toISOString() };
      delete progress.message;
      await save(progress);
      log(`background rescore: every contact carries ${version.name}; continuing with the ${earlier.parts?.find((p) => p.state !== 'done')?.object ?? 'committees'}`);
    } else {
      const contacts = await runContacts(resolved, version, signal, base, now);
      if (!contacts) return;
      progress = contacts;
      if (committees.length === 0) {
        progress = { ...progress, state: 'done' };
        await save(progress);
        return;
      }
      progress = { ...progress, state: 'running', parts: committees.map((object) => ({ object, state: 'waiting', done: 0, total: null, written: 0, errors: 0 })) };
      await save(progress);
    }
    for (const object of committees) {
      const part = progress.parts?.find((p) => p.object === object);
      if (part?.state === 'done') continue;
      const outcome = await runCommittees(model, object, signal, { ...base, object }, now, (next) => {
        progress = { ...progress, parts: (progress.parts ?? []).map((p) => (p.object === object ? next : p)), updatedAt: options.now().toISOString() };
        return progress;
      });
      if (outcome === 'newer') return;
      if (outcome !== 'done') {
        progress = { ...progress, state: 'stopped', message: outcome, updatedAt: options.now().toISOString() };
        await save(progress);
        stoppedAt = { key: keyOf(version), at: clock() };
        log(`background rescore: the ${object} stopped (${outcome}); it continues from its checkpoint`);
        return;
      }
    }
    progress = { ...progress, state: 'done', updatedAt: options.now().toISOString() };
    await save(progress);
    const parts = (progress.parts ?? []).map((p) => `${p.done} ${p.object} (${p.written} written${p.errors > 0 ? `, ${p.errors} failed` : ''})`).join(', ');
    log(`background rescore: every committee is rolled up with ${version.name}: ${parts}`);
  }

  /** Every contact, from its checkpoint; the record as it stands when they are all done (not yet saved as done), or null when stopped. */
  async function runContacts(resolved: ResolvedModel, version: PublishedVersion, signal: AbortSignal, identity: RescoreIdentity, now: Date): Promise<BackgroundRescore | null> {
    const checkpoint = await readCheckpoint(options.checkpointFile, identity);
    const resume = checkpoint.kind === 'resume' ? checkpoint.state : undefined;
    const startedAt = resume?.startedAt ?? now.toISOString();
    let progress: BackgroundRescore = {
      name: version.name, checksum: version.checksum, state: 'running', done: resume?.done ?? 0, total: null,
      written: resume?.written ?? 0, errors: resume?.failed.length ?? 0, startedAt, updatedAt: now.toISOString(),
    };
    await save(progress);
    log(`background rescore: bringing every contact to ${version.name}${resume ? `, continuing after ${resume.done} contacts` : ''}`);
    let savedAt = clock();
    let saving: Promise<void> = Promise.resolve();
    let result: RescoreResult;
    try {
      result = await rescoreContacts({
        crm: options.crm, model: resolved.model, now, identity, concurrency: 1, signal,
        ...(resume ? { resume } : {}),
        onCheckpoint: async (state) => {
          await writeCheckpoint(options.checkpointFile, state);
          progress = { ...progress, done: state.done, written: state.written, errors: state.failed.length, updatedAt: options.now().toISOString() };
          if (clock() - savedAt < progressEveryMs) return;
          savedAt = clock();
          saving = saving.then(() => save(progress));
        },
        onProgress: ({ total }) => {
          progress = { ...progress, total };
        },
      });
    } finally {
      await saving;
    }
    const { state } = result;
    const end = { done: state.done, written: state.written, errors: state.failed.length, updatedAt: options.now().toISOString() };
    if (result.complete) {
      await removeCheckpoint(options.checkpointFile);
      log(`background rescore: every contact is scored with ${version.name}: ${state.done} contacts, ${state.written} written${state.failed.length > 0 ? `, ${state.failed.length} failed (bant rescore --ids lists and retries them)` : ''}`);
      return { ...progress, ...end, total: state.done };
    }
    // A newer publish: the rescore that replaces this one writes the record.
    if (signal.reason === NEWER) return null;
    const why = signal.aborted ? STOPPED_PROCESS : result.stopped?.message ?? 'unknown';
    progress = { ...progress, ...end, state: 'stopped', message: why };
    await save(progress);
    stoppedAt = { key: keyOf(version), at: clock() };
    log(`background rescore: stopped after ${state.done} contacts (${why}); it continues from its checkpoint`);
    return null;
  }

  /**
   * The committees of every deal (or company), from their own checkpoint, with the part of the
   * record updated through `update`: 'done', 'newer' (replaced by a newer publish), or why it stopped.
   */
  async function runCommittees(
    model: ResolvedModel['model'], object: RescorePart['object'], signal: AbortSignal, identity: RescoreIdentity, now: Date,
    update: (part: RescorePart) => BackgroundRescore,
  ): Promise<'done' | 'newer' | string> {
    const noun = object === 'deals' ? 'deal' : 'company';
    const file = partCheckpoint(options.checkpointFile, object);
    const problems = outputProblems(model, await options.crm.getProperties(object), noun);
    let part: RescorePart = { object, state: 'running', done: 0, total: null, written: 0, errors: 0 };
    if (problems.length > 0) {
      const message = describeOutputProblems(problems, specsFor(model, noun).filter((spec) => spec.path === 'derived').length, noun);
      await save(update({ ...part, state: 'stopped', message }));
      return message;
    }
    const checkpoint = await readCheckpoint(file, identity);
    const resume = checkpoint.kind === 'resume' ? checkpoint.state : undefined;
    part = { ...part, done: resume?.done ?? 0, written: resume?.written ?? 0, errors: resume?.failed.length ?? 0 };
    await save(update(part));
    log(`background rescore: rolling up the committees of every ${noun} with ${identity.modelVersion}${resume ? `, continuing after ${resume.done}` : ''}`);
    let savedAt = clock();
    let saving: Promise<void> = Promise.resolve();
    let result: RescoreResult;
    try {
      result = await rescoreCommittees({
        crm: options.crm, model, object: noun, now, identity, concurrency: 1, signal,
        ...(resume ? { resume } : {}),
        onCheckpoint: async (state) => {
          await writeCheckpoint(file, state);
          part = { ...part, done: state.done, written: state.written, errors: state.failed.length };
          const record = update(part);
          if (clock() - savedAt < progressEveryMs) return;
          savedAt = clock();
          saving = saving.then(() => save(record));
        },
        onProgress: ({ total }) => {
          part = { ...part, total };
          update(part);
        },
      });
    } finally {
      await saving;
    }
    const { state } = result;
    part = { ...part, done: state.done, written: state.written, errors: state.failed.length };
    if (result.complete) {
      await removeCheckpoint(file);
      await save(update({ ...part, total: state.done, state: 'done' }));
      return 'done';
    }
    if (signal.reason === NEWER) return 'newer';
    const why = signal.aborted ? STOPPED_PROCESS : result.stopped?.message ?? 'unknown';
    await save(update({ ...part, state: 'stopped', message: why }));
    return why;
  }

  async function save(progress: BackgroundRescore): Promise<void> {
    await store.writeRescoreProgress(progress);
    known = progress;
  }

  /** Stops a running rescore (its checkpoint stays) and waits for it. */
  async function stop(): Promise<void> {
    await checking;
    running?.stop.abort();
    await running?.done;
  }

  /** Resolves once no rescore runs (for tests and shutdown). */
  async function idle(): Promise<void> {
    await checking;
    await running?.done;
  }

  return { check, stop, idle, progress: () => known ?? null };
}

/** Why a rescore was stopped for another one. */
const NEWER = 'a newer version was published';
const STOPPED_PROCESS = 'the process that ran it stopped; it continues when the receiver starts again';
/** The records whose buying committees follow the contacts, in this order, when the model rolls them up. */
const COMMITTEE_OBJECTS = ['deals', 'companies'] as const;

function keyOf(version: { name: string; checksum: string }): string {
  return `${version.name}|${version.checksum}`;
}
