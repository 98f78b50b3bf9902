import type { CrmClient } from '../crm';
import { toCrmError } from '../crm';
import type { Model } from '../engine';
import type { RecalcCrm } from '../recalc/RecalcCrm';
import { refreshContacts } from '../recalc/refreshContacts';
import type { ContactOutcome } from '../recalc/refreshContacts';
import type { RescoreFailure, RescoreProgress, RescoreSelection, RescoreState } from './types';

/** What a rescore needs from the CRM adapter: the batch calls of recalculation, plus paging. */
export type RescoreCrm = RecalcCrm & Pick<CrmClient, 'listContacts' | 'searchContacts'>;

export interface RescoreOptions {
  crm: RescoreCrm;
  model: Model;
  /** Scores as of this instant: timeline windows move with it even when no property changes. */
  now: Date;
  selection: RescoreSelection;
  /** Report what would change; write nothing. */
  dryRun?: boolean;
  /** Groups of up to 200 contacts being scored and written at once, while the next page is listed (default 4). */
  concurrency?: number;
  /** A checkpoint to continue from. */
  resume?: RescoreState;
  /** Called after every page whose earlier pages are all done, with the state to save. */
  onCheckpoint?: (state: RescoreState) => Promise<void>;
  onProgress?: (progress: RescoreProgress) => void;
  /** Stop listing new pages (Ctrl-C); pages in flight finish and are checkpointed. */
  signal?: AbortSignal;
  /** Monotonic time in ms, for rates. */
  clock?: () => number;
}

export interface RescoreResult {
  state: RescoreState;
  /** True when every page was handled; false when the run stopped early (see `stopped`). */
  complete: boolean;
  /** Why listing stopped: interrupted, or a CrmError's code and message. */
  stopped?: { code: string; message: string };
  /** Contacts handled by this run (not resumed ones). */
  doneThisRun: number;
  elapsedMs: number;
}

/** HubSpot's list endpoint returns at most 100 contacts per page; search up to 200. */
const PAGE_SIZE = 100;
const SEARCH_PAGE_SIZE = 200;
/** Contacts scored together (reads and writes still go in batches of 100). */
const GROUP_SIZE = 200;
/** Extra tries of a page listing after the adapter's own retries are used up. */
const LIST_ATTEMPTS = 3;

interface Page {
  ids: string[];
  next: string | null;
  total: number | null;
}

/**
 * Brings every selected contact's derived properties up to date: pages through the contacts
 * (all of them, those modified since a date, or given ids), and for each group of up to 200 reads
 * the answers and open deals in batches, scores and writes only the contacts whose values changed
 * (`refreshContacts`). Groups are scored concurrently while the next page is listed; every call
 * goes through the adapter's shared limiters and retries. Contacts whose write failed for a
 * retryable reason get one more pass at the end; what still fails is reported with its id.
 * The state after each page is handed to `onCheckpoint`, so an interrupted run can resume.
 */
export async function rescoreContacts(options: RescoreOptions): Promise<RescoreResult> {
  const { model, now, selection } = options;
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const crm: RecalcCrm = options.dryRun ? dryRunCrm(options.crm) : options.crm;
  const state: RescoreState = options.resume ? structuredClone(options.resume) : {
    version: 1, selection, modelVersion: model.version, cursor: null, done: 0, written: 0, unchanged: 0, missing: [], failed: [], grades: {}, startedAt: now.toISOString(),
  };
  const resumedDone = state.done;
  let total: number | null = selection.kind === 'ids' ? selection.ids.length : null;
  let inPages = 0;
  const progress = () => options.onProgress?.({ done: state.done + inPages, doneThisRun: state.done + inPages - resumedDone, total, elapsedMs: clock() - started });

  let stopped: RescoreResult['stopped'];
  if (selection.kind === 'all') {
    const counted = await countAll(options.crm);
    if (typeof counted === 'number') total = counted;
    // A refused token or an unreachable portal will not do better on the listing: stop at once.
    else if (counted && ['UNAUTHORIZED', 'FORBIDDEN', 'NETWORK'].includes(counted.code)) stopped = { code: counted.code, message: counted.message };
  }

  // Pages finish out of order; a page's results are committed (and checkpointed) only once every
  // earlier page is, so a checkpoint never skips a page that was still in flight.
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 4));
  const finished = new Map<number, { next: string | null; outcomes: ContactOutcome[] | null; error?: RescoreFailure }>();
  const pageIds = new Map<number, string[]>();
  let committed = 0;
  let commitQueue = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  let fatal: unknown;

  const commit = async () => {
    while (finished.has(committed)) {
      const page = finished.get(committed) as { next: string | null; outcomes: ContactOutcome[] | null; error?: RescoreFailure };
      const ids = pageIds.get(committed) ?? [];
      finished.delete(committed);
      pageIds.delete(committed);
      committed++;
      if (page.outcomes) record(state, page.outcomes);
      else if (page.error) for (const id of ids) state.failed.push({ ...(page.error as RescoreFailure), id });
      state.done += ids.length;
      inPages -= ids.length;
      state.cursor = page.next;
      await options.onCheckpoint?.(structuredClone(state));
    }
  };

  const score = (index: number, ids: string[], next: string | null) => {
    const task = (async () => {
      let outcomes: ContactOutcome[] | null = null;
      let error: RescoreFailure | undefined;
      try {
        outcomes = await refreshContacts(crm, model, ids, now);
      } catch (thrown) {
        const crmError = toCrmError(thrown, 'rescore');
        error = { id: '', message: crmError.message, retryable: crmError.retryable };
      }
      finished.set(index, { next, outcomes, ...(error ? { error } : {}) });
      commitQueue = commitQueue.then(commit);
      try {
        await commitQueue;
      } catch (thrown) {
        // The checkpoint could not be saved: stop rather than run on without a way to resume.
        fatal ??= thrown;
      }
      progress();
    })();
    inFlight.add(task);
    void task.then(() => inFlight.delete(task));
  };

  let cursor = state.cursor;
  let index = 0;
  // Listed pages are scored in groups of up to GROUP_SIZE contacts: deals shared across a group are read
  // once, and a group's remainder batches are fuller, so a rescore needs fewer calls per contact.
  let group: string[] = [];
  const flush = (next: string | null) => {
    if (group.length === 0) return;
    pageIds.set(index, group);
    inPages += group.length;
    score(index++, group, next);
    group = [];
  };
  let listed = false;
  while (!stopped) {
    if (fatal !== undefined) break;
    if (options.signal?.aborted) {
      stopped = { code: 'INTERRUPTED', message: 'interrupted' };
      break;
    }
    let page: Page;
    try {
      // Until a first page arrives, a failure is the adapter's to retry; after that, a page gets extra tries.
      page = await listPage(options.crm, selection, cursor, listed ? LIST_ATTEMPTS : 1);
    } catch (thrown) {
      const error = toCrmError(thrown, 'rescore');
      stopped = { code: error.code, message: error.message };
      break;
    }
    if (selection.kind === 'since' && page.total !== null && !listed) total = state.done + page.total;
    listed = true;
    group.push(...page.ids);
    if (page.next === null) {
      flush(null);
      break;
    }
    cursor = page.next;
    if (group.length >= GROUP_SIZE) flush(cursor);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  // Contacts listed before a stop are still scored; the checkpoint then points past them.
  flush(cursor);
  await Promise.all(inFlight);
  if (fatal !== undefined) throw fatal;

  if (!stopped) await retryFailures(crm, model, now, state);
  progress();
  return { state, complete: !stopped, ...(stopped ? { stopped } : {}), doneThisRun: state.done - resumedDone, elapsedMs: clock() - started };
}

/** Tallies a page's outcomes into the state. */
function record(state: RescoreState, outcomes: ContactOutcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'missing') {
      state.missing.push(outcome.id);
      continue;
    }
    if (outcome.status === 'failed') {
      state.failed.push({ id: outcome.id, message: outcome.error?.message ?? 'not written', retryable: outcome.error?.retryable ?? true });
      continue;
    }
    if (outcome.status === 'written') state.written++;
    else state.unchanged++;
    const transition = `${outcome.before.grade || '(none)'}→${outcome.result?.grade ?? '(none)'}`;
    state.grades[transition] = (state.grades[transition] ?? 0) + 1;
  }
}

/** One more pass for contacts that failed for a reason a retry can fix; refreshContacts re-reads them first. */
async function retryFailures(crm: RecalcCrm, model: Model, now: Date, state: RescoreState): Promise<void> {
  const again = state.failed.filter((failure) => failure.retryable);
  if (again.length === 0) return;
  state.failed = state.failed.filter((failure) => !failure.retryable);
  for (let start = 0; start < again.length; start += GROUP_SIZE) {
    const part = again.slice(start, start + GROUP_SIZE);
    try {
      record(state, await refreshContacts(crm, model, part.map((f) => f.id), now));
    } catch (thrown) {
      const error = toCrmError(thrown, 'rescore');
      state.failed.push(...part.map((f) => ({ id: f.id, message: error.message, retryable: error.retryable })));
    }
  }
}

/** All contacts, for the progress bar; an error instead when the portal cannot be searched. */
async function countAll(crm: RescoreCrm): Promise<number | { code: string; message: string }> {
  try {
    return (await crm.searchContacts({ properties: ['hs_object_id'], limit: 1 })).total;
  } catch (thrown) {
    const error = toCrmError(thrown, 'rescore.count');
    return { code: error.code, message: error.message };
  }
}

async function listPage(crm: RescoreCrm, selection: RescoreSelection, cursor: string | null, attempts: number): Promise<Page> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await listOnce(crm, selection, cursor);
    } catch (thrown) {
      const error = toCrmError(thrown, 'rescore.list');
      if (!error.retryable || attempt >= attempts) throw error;
    }
  }
}

async function listOnce(crm: RescoreCrm, selection: RescoreSelection, cursor: string | null): Promise<Page> {
  switch (selection.kind) {
    case 'ids': {
      const start = Number(cursor ?? 0);
      const ids = selection.ids.slice(start, start + GROUP_SIZE);
      const end = start + ids.length;
      return { ids, next: end < selection.ids.length ? String(end) : null, total: selection.ids.length };
    }
    case 'all': {
      const page = await crm.listContacts({ limit: PAGE_SIZE, properties: ['hs_object_id'], ...(cursor ? { after: cursor } : {}) });
      return { ids: page.results.map((r) => r.id), next: page.after ?? null, total: null };
    }
    case 'since': {
      // Keyset paging on the record id, not search's offset: writing a contact moves its
      // lastmodifieddate, and search stops paging at 10,000 results.
      const filters = [
        { propertyName: 'lastmodifieddate', operator: 'GTE' as const, value: String(Date.parse(selection.since)) },
        ...(cursor ? [{ propertyName: 'hs_object_id', operator: 'GT' as const, value: cursor }] : []),
      ];
      const page = await crm.searchContacts({
        filterGroups: [{ filters }], sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }], properties: ['hs_object_id'], limit: SEARCH_PAGE_SIZE,
      });
      const ids = page.results.map((r) => r.id);
      const last = ids[ids.length - 1];
      return { ids, next: page.after !== undefined && last !== undefined ? last : null, total: page.total };
    }
  }
}

/** The same reads, but writes are only reported: every update "succeeds" without a request. */
function dryRunCrm(crm: RecalcCrm): RecalcCrm {
  return {
    readContacts: (ids, properties) => crm.readContacts(ids, properties),
    readDeals: (ids, properties) => crm.readDeals(ids, properties),
    readCompanies: (ids, properties) => crm.readCompanies(ids, properties),
    contactDeals: (ids) => crm.contactDeals(ids),
    contactCompanies: (ids) => crm.contactCompanies(ids),
    dealContacts: (ids) => crm.dealContacts(ids),
    companyContacts: (ids) => crm.companyContacts(ids),
    updateContacts: async (updates) => ({ written: updates.map((u) => u.id), failed: [] }),
  };
}
