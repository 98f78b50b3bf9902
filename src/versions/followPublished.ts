import type { CrmClient } from '../crm';
import { modelChecksum } from '../modelstore';
import type { BackgroundRescore } from '../modelstore';
import { readCheckpoint, removeCheckpoint, writeCheckpoint } from '../rescore/checkpoint';
import { rescoreContacts } from '../rescore/rescoreContacts';
import type { RescoreCrm, RescoreResult } from '../rescore/rescoreContacts';
import type { RescoreIdentity } from '../rescore/types';
import type { ModelResolver, ResolvedModel } from './createModelResolver';
import { createVersionStore } from './createVersionStore';
import type { VersionCrm } from './createVersionStore';

export type FollowerCrm = RescoreCrm & VersionCrm & Pick<CrmClient, 'getAccountInfo'>;
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
 * errors) for the settings page. A newer publish stops the running rescore and starts one for
 * the new version. While no version is published, nothing is rescored.
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
    const identity: RescoreIdentity = {
      portalId, baseUrl: options.baseUrl, modelVersion: version.name, modelChecksum: modelChecksum(resolved.model), selection: { kind: 'all' }, now: null,
    };
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
      progress = { ...progress, ...end, total: state.done, state: 'done' };
      await save(progress);
      log(`background rescore: every contact is scored with ${version.name}: ${state.done} contacts, ${state.written} written${state.failed.length > 0 ? `, ${state.failed.length} failed (bant rescore --ids lists and retries them)` : ''}`);
      return;
    }
    // A newer publish: the rescore that replaces this one writes the record.
    if (signal.reason === NEWER) return;
    const why = signal.aborted ? 'the process that ran it stopped; it continues when the receiver starts again' : result.stopped?.message ?? 'unknown';
    progress = { ...progress, ...end, state: 'stopped', message: why };
    await save(progress);
    stoppedAt = { key: keyOf(version), at: clock() };
    log(`background rescore: stopped after ${state.done} contacts (${why}); it continues from its checkpoint`);
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

function keyOf(version: { name: string; checksum: string }): string {
  return `${version.name}|${version.checksum}`;
}
