import type { CrmClient, CrmRecord, CrmSearchPage, CrmSearchRequest } from '../crm';
import { toCrmError } from '../crm';
import { compileModel, derivedPropertiesChanged, derivedPropertyNames, propertiesRead, SCORED_AT, stampsRead } from '../engine';
import type { CompiledModel, Model, RawProperties } from '../engine';
import type { Autofill } from '../extract';
import { AUTOFILL_CONTACT_PROPERTIES, autofillLeads, autofillOn, homeCurrencyOnce } from '../recalc/autofillLeads';
import type { AutofillRun } from '../recalc/autofillLeads';
import { readLeads } from '../recalc/readLeads';
import type { LeadReader, PropertiesById, RecalcCrm } from '../recalc/RecalcCrm';
import type { RescoreFailure, RescoreIdentity, RescoreProgress, RescoreSelection, RescoreState } from './types';

/** What a rescore needs from the CRM adapter: the lead reads of recalculation, the batch update, and search. */
export type RescoreCrm = Pick<RecalcCrm, 'readContacts' | 'readDeals' | 'readCompanies' | 'contactDeals' | 'contactCompanies' | 'updateContacts'>
  & Pick<CrmClient, 'searchContacts' | 'contactActivities' | 'readObjects' | 'getAccountInfo'>;

export interface RescoreOptions extends RescoreRunOptions {
  crm: RescoreCrm;
}

/** What every rescore takes besides its CRM calls (contacts, deals or companies). */
export interface RescoreRunOptions {
  model: Model;
  /** Scores as of this instant: timeline windows move with it even when no property changes. */
  now: Date;
  /** What the run is made for (portal, model, contacts); recorded in every checkpoint. */
  identity: RescoreIdentity;
  /** Report what would change; write nothing. */
  dryRun?: boolean;
  /** Windows of up to 1,000 records scored and written at once, while the next pages are searched (default `DEFAULT_CONCURRENCY`). */
  concurrency?: number;
  /** A checkpoint to continue from (its identity must be `identity`'s: see `readCheckpoint`). */
  resume?: RescoreState;
  /** Called after every window whose earlier windows are all done, with the state to save. */
  onCheckpoint?: (state: RescoreState) => Promise<void>;
  onProgress?: (progress: RescoreProgress) => void;
  /**
   * Ctrl-C: stop at once. Windows in flight are abandoned (the CRM client aborts their requests) and
   * never committed, so the checkpoint points before anything HubSpot did not confirm.
   */
  signal?: AbortSignal;
  /** Monotonic time in ms, for rates. */
  clock?: () => number;
}

/** What one run did, apart from what earlier runs of the same checkpoint did. */
export interface RunCounts {
  done: number;
  written: number;
  /** Answers filled from suggestions (model `suggestions.autofill`) in confirmed writes. */
  autofilled: number;
  unchanged: number;
  missing: number;
  failed: number;
  grades: Record<string, number>;
}

export interface RescoreResult {
  state: RescoreState;
  /** True when every contact was handled; false when the run stopped early (see `stopped`). */
  complete: boolean;
  /** Why the run stopped: interrupted, or a CrmError's code and message. */
  stopped?: { code: string; message: string };
  /** Counts of this run alone (a resumed checkpoint's earlier work is not in them). */
  thisRun: RunCounts;
  elapsedMs: number;
}

/** HubSpot's search returns at most 200 records per page. */
const SEARCH_PAGE_SIZE = 200;
/**
 * Contacts scored together: one v4 association read covers 1,000 contacts, and the deals (and
 * companies) of the whole window are read once each, in batches of 100.
 */
export const WINDOW_SIZE = 1_000;
/**
 * A deal read for one window serves later windows for this long (contacts of one deal are often
 * far apart by id), so most deals are read once per run. A contact stored with a score newer than
 * the deal data it would be scored from is left alone (see `scoreWindow`).
 */
const DEAL_REUSE_MS = 60_000;
/** At most this many deals are kept for reuse (about 0.5 KB each). */
const DEAL_REUSE_MAX = 100_000;
/**
 * Windows in flight at once by default: each sends its requests one after another, so five keep
 * requests waiting in the shared limiter (which then never idles) while the next pages are searched.
 */
export const DEFAULT_CONCURRENCY = 5;
/** Extra tries of a search page after the adapter's own retries are used up. */
const LIST_ATTEMPTS = 3;

/** Records scored together: found by one or more search pages, or given by --ids. */
export interface RescoreWindow {
  ids: string[];
  /** Records as the search returned them (with every property scoring reads); undefined: read them. */
  found: PropertiesById | undefined;
  /** The cursor once this window is done. */
  next: string;
}

export type RescoreOutcome =
  | { id: string; status: 'written' | 'unchanged'; grades: [string, string]; filled?: number }
  | { id: string; status: 'missing' }
  | { id: string; status: 'failed'; failure: RescoreFailure };

/** What scoring a window came to; a window never throws. */
export type WindowResult = { kind: 'done'; outcomes: RescoreOutcome[] } | { kind: 'failed'; failure: Omit<RescoreFailure, 'id'> } | { kind: 'aborted' };

/** What a rescore of one kind of record plugs into the run: how its records are found, and how a window of them is scored and written. */
export interface RescoreKind {
  /** One search page: the records after `cursor` (by record id), with the properties scoring reads. */
  searchPage(cursor: string | null, attempts: number): Promise<{ records: CrmRecord[]; more: boolean; total: number }>;
  /** Reads what is not in the window yet, scores, writes what changed; `retry`: the end's second pass, everything read afresh. */
  scoreWindow(window: RescoreWindow, retry: boolean): Promise<WindowResult>;
}

type Window = RescoreWindow;
type Outcome = RescoreOutcome;

/**
 * Brings every selected contact's derived properties up to date with as few calls as HubSpot's
 * limits allow: contacts come from search with the properties scoring reads (200 per page, paged
 * by `hs_object_id` so the 10,000-result cap never applies), in windows of 1,000 whose
 * associations are one v4 batch read and whose deals are read once each; only contacts whose
 * values changed are written, 100 per batch update, and a write counts only when HubSpot's
 * response confirms it. Windows are scored concurrently while the next pages are searched, and
 * committed in order: the state handed to `onCheckpoint` never passes a window that is not done.
 * Contacts whose write failed for a retryable reason get one more pass at the end (read afresh).
 */
export async function rescoreContacts(options: RescoreOptions): Promise<RescoreResult> {
  const { crm, model, now } = options;
  const dryRun = options.dryRun === true;
  // The answer stamps come with the answers, so answers go stale as time passes without a history read.
  // Auto-fill (off unless the model turns it on) reads the job title and the dismissals with the contact.
  const filling = autofillOn(model);
  const contactProperties = [...new Set([
    ...propertiesRead(model).contact, ...stampsRead(model), ...derivedPropertyNames(model), ...(filling ? AUTOFILL_CONTACT_PROPERTIES : []),
  ])];
  const deals = createDealReuse();
  // The fast path: scoring a window holds the event loop (and so the requests in flight) for as little as it can.
  const compiled = compileModel(model);
  const selection = options.identity.selection;
  // The portal's currency, read once: an amount in another is never filled in as the portal's.
  const autofill: AutofillRun | undefined = filling ? { crm, home: homeCurrencyOnce(crm) } : undefined;
  return runRescore(options, {
    searchPage: (cursor, attempts) => searchPage((request) => crm.searchContacts(request), 'lastmodifieddate', selection, cursor, contactProperties, attempts),
    scoreWindow: (window, retry) => scoreWindow(crm, compiled, now, window, contactProperties, dryRun, options.signal, retry ? undefined : deals, autofill),
  });
}

/**
 * The run of every rescore: windows of up to 1,000 records found by `kind.searchPage` (or the
 * --ids), scored concurrently by `kind.scoreWindow` while the next pages are searched, committed in
 * order to the checkpoint, and a second pass at the end for records whose write failed for a
 * retryable reason.
 */
export async function runRescore(options: RescoreRunOptions, kind: RescoreKind): Promise<RescoreResult> {
  const { now, identity } = options;
  const { selection } = identity;
  const clock = options.clock ?? (() => performance.now());
  const started = clock();
  const state: RescoreState = options.resume ? structuredClone(options.resume) : {
    version: 2, identity, cursor: null, done: 0, written: 0, unchanged: 0, missing: [], failed: [], grades: {}, startedAt: now.toISOString(),
  };
  const before = structuredClone(state);
  let total: number | null = selection.kind === 'ids' ? selection.ids.length : null;
  let finishedContacts = 0;
  const progress = () => options.onProgress?.({ done: state.done + finishedContacts, doneThisRun: state.done + finishedContacts - before.done, total, elapsedMs: clock() - started });
  const aborted = () => options.signal?.aborted === true;

  // Windows finish out of order; one is committed (and checkpointed) only once every earlier one is.
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const windows = new Map<number, Window>();
  const finished = new Map<number, WindowResult>();
  const inFlight = new Set<Promise<void>>();
  let committed = 0;
  let commitQueue = Promise.resolve();
  let closed = false;
  let fatal: unknown;
  let stopped: RescoreResult['stopped'];

  const commit = async () => {
    while (!closed && finished.has(committed)) {
      const result = finished.get(committed) as WindowResult;
      // An abandoned window and everything after it stay undone: the checkpoint points before them.
      if (result.kind === 'aborted') return;
      const window = windows.get(committed) as Window;
      finished.delete(committed);
      windows.delete(committed);
      committed += 1;
      finishedContacts -= window.ids.length;
      if (result.kind === 'done') record(state, result.outcomes);
      else for (const id of window.ids) state.failed.push({ ...result.failure, id });
      state.done += window.ids.length;
      state.cursor = window.next;
      await options.onCheckpoint?.(structuredClone(state));
    }
  };

  let index = 0;
  const dispatch = (window: Window) => {
    const at = index++;
    windows.set(at, window);
    const task = (async () => {
      const result = await kind.scoreWindow(window, false);
      if (closed) return;
      finished.set(at, result);
      if (result.kind !== 'aborted') finishedContacts += window.ids.length;
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

  // Resolves when a window finishes or the run is interrupted, whichever comes first.
  const interrupted = new Promise<void>((resolve) => {
    if (!options.signal) return;
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const roomForAnother = async () => {
    while (inFlight.size >= concurrency && !aborted()) await Promise.race([...inFlight, interrupted]);
  };

  if (selection.kind === 'ids') {
    for (let start = Number(state.cursor ?? 0); start < selection.ids.length; start += WINDOW_SIZE) {
      await roomForAnother();
      if (aborted() || fatal !== undefined) break;
      const ids = selection.ids.slice(start, start + WINDOW_SIZE);
      dispatch({ ids, found: undefined, next: String(start + ids.length) });
    }
  } else {
    let cursor = state.cursor;
    let listed = false;
    let buffer: CrmRecord[] = [];
    const flush = () => {
      const last = buffer[buffer.length - 1];
      if (!last) return;
      dispatch({ ids: buffer.map((r) => r.id), found: new Map(buffer.map((r) => [r.id, r.properties as RawProperties])), next: last.id });
      buffer = [];
    };
    for (;;) {
      if (aborted() || fatal !== undefined) break;
      let page: { records: CrmRecord[]; more: boolean; total: number };
      try {
        // Until a first page arrives, a failure is the adapter's to retry; after that, a page gets extra tries.
        page = await kind.searchPage(cursor, listed ? LIST_ATTEMPTS : 1);
      } catch (thrown) {
        if (aborted()) break;
        const error = toCrmError(thrown, 'rescore');
        stopped = { code: error.code, message: error.message };
        // Contacts found before the stop are still scored; the checkpoint then points past them.
        flush();
        break;
      }
      if (!listed) total = state.done + page.total;
      listed = true;
      buffer.push(...page.records);
      cursor = page.records[page.records.length - 1]?.id ?? cursor;
      if (buffer.length >= WINDOW_SIZE || !page.more) {
        // Searching goes on while earlier windows are scored; only a whole window waits here for room.
        await roomForAnother();
        if (aborted() || fatal !== undefined) break;
        flush();
      }
      if (!page.more) break;
    }
  }

  if (!aborted()) await Promise.race([Promise.all(inFlight), interrupted]);
  if (aborted()) {
    stopped = { code: 'INTERRUPTED', message: 'interrupted' };
    // Let a checkpoint being saved finish; then nothing in flight may touch the state.
    await commitQueue.catch(() => undefined);
    closed = true;
  }
  if (fatal !== undefined) throw fatal;

  if (!stopped) await retryFailures(kind, state, options.signal);
  if (aborted() && !stopped) stopped = { code: 'INTERRUPTED', message: 'interrupted' };
  closed = true;
  finishedContacts = 0;
  progress();
  return { state, complete: !stopped, ...(stopped ? { stopped } : {}), thisRun: countsSince(before, state), elapsedMs: clock() - started };
}

/** Reads, scores and writes one window; never throws (a failure is the window's result). */
async function scoreWindow(
  crm: RescoreCrm, compiled: CompiledModel, now: Date, window: Window, contactProperties: string[], dryRun: boolean, signal: AbortSignal | undefined, deals?: DealReuse, autofill?: AutofillRun,
): Promise<WindowResult> {
  const { model } = compiled;
  try {
    const reader = withReuse(crm, window.found, contactProperties, deals);
    const leads = await readLeads(reader, model, window.ids, contactProperties);
    const fills = autofill ? await autofillLeads(autofill, model, now, leads) : new Map<string, Autofill>();
    const outcomes: Outcome[] = [];
    const updates: Array<{ id: string; properties: Record<string, string>; grades: [string, string]; filled: number }> = [];
    for (const id of window.ids) {
      const lead = leads.get(id);
      if (!lead) {
        outcomes.push({ id, status: 'missing' });
        continue;
      }
      const fill = fills.get(id);
      const contact = fill ? { ...lead.contact, ...fill.properties } : lead.contact;
      const result = compiled.score({ ...lead, contact }, now);
      const next = compiled.derived(result, now);
      const grades: [string, string] = [lead.contact.bant_grade || '(none)', result.grade || '(none)'];
      // Scored by the app (a deal change, the card) after the deal data reused here was read: that score is the fresher one.
      const dataFrom = Math.min(...(lead.deals ?? []).map((deal) => deals?.readAt(deal.id) ?? Infinity));
      const scoredAt = Date.parse(lead.contact[SCORED_AT] ?? '');
      // Answers filled from suggestions are always written, with the score they make.
      if (fill) updates.push({ id, properties: { ...fill.properties, ...next }, grades, filled: fill.criteria.length });
      else if (derivedPropertiesChanged(lead.contact, next).length === 0 || scoredAt > dataFrom) outcomes.push({ id, status: 'unchanged', grades: [grades[0], grades[0]] });
      else updates.push({ id, properties: next, grades, filled: 0 });
    }
    if (dryRun) return { kind: 'done', outcomes: [...outcomes, ...updates.map(({ id, grades, filled }) => ({ id, status: 'written' as const, grades, filled }))] };
    if (signal?.aborted) return { kind: 'aborted' };
    if (updates.length > 0) {
      const { written, failed } = await crm.updateContacts(updates.map(({ id, properties }) => ({ id, properties })));
      // Interrupted mid-write: what HubSpot applied is unknown, so the whole window is redone on resume.
      if (signal?.aborted || failed.some((f) => f.code === 'ABORTED')) return { kind: 'aborted' };
      const confirmed = new Set(written);
      const refused = new Map(failed.map((f) => [f.id, f]));
      for (const { id, grades, filled } of updates) {
        const failure = refused.get(id);
        if (confirmed.has(id) && !failure) outcomes.push({ id, status: 'written', grades, filled });
        // Deleted between the read and the write: nothing is left to score.
        else if (failure?.code === 'NOT_FOUND') outcomes.push({ id, status: 'missing' });
        else {
          outcomes.push({
            id, status: 'failed',
            failure: { id, message: failure?.message ?? `contacts.batch.update: HubSpot's response did not confirm contact ${id} as written`, retryable: failure?.retryable ?? true },
          });
        }
      }
    }
    return { kind: 'done', outcomes };
  } catch (thrown) {
    const error = toCrmError(thrown, 'rescore');
    if (signal?.aborted || error.code === 'ABORTED') return { kind: 'aborted' };
    return { kind: 'failed', failure: { message: error.message, retryable: error.retryable } };
  }
}

/**
 * The CRM adapter, but contacts already found by search are served from it (no second read), and
 * deals read recently are reused.
 */
function withReuse(crm: RescoreCrm, found: PropertiesById | undefined, have: string[], deals: DealReuse | undefined): LeadReader {
  const known = new Set(have);
  return {
    readContacts: async (ids, properties) => found && properties.every((name) => known.has(name))
      ? new Map(ids.flatMap((id) => (found.has(id) ? [[id, found.get(id) as RawProperties]] : [])))
      // Scoring came to read more than the search asked for: read them rather than guess.
      : crm.readContacts(ids, properties),
    readDeals: (ids, properties) => (deals ? deals.read(ids, properties, (missing) => crm.readDeals(missing, properties)) : crm.readDeals(ids, properties)),
    readCompanies: (ids, properties) => crm.readCompanies(ids, properties),
    contactDeals: (ids) => crm.contactDeals(ids),
    contactCompanies: (ids) => crm.contactCompanies(ids),
  };
}

interface DealReuse {
  /** The deals asked for: those read within DEAL_REUSE_MS from memory, the others through `read`. */
  read(ids: string[], properties: string[], read: (ids: string[]) => Promise<PropertiesById>): Promise<PropertiesById>;
  /** When a reused deal was read (wall clock, ms); undefined for one not kept. */
  readAt(id: string): number | undefined;
}

function createDealReuse(clock: () => number = Date.now): DealReuse {
  const kept = new Map<string, { properties: RawProperties; readAt: number; names: string }>();
  /** Reads in flight, by deal and properties: a window that needs a deal another window is reading waits for that read. */
  const reading = new Map<string, Promise<PropertiesById>>();
  return {
    async read(ids, properties, read) {
      const names = properties.join(',');
      const now = clock();
      const fresh = (id: string) => {
        const deal = kept.get(id);
        return deal && deal.names === names && now - deal.readAt <= DEAL_REUSE_MS ? deal : undefined;
      };
      const stale = ids.filter((id) => !fresh(id));
      const shared = [...new Set(stale.flatMap((id) => reading.get(`${id} ${names}`) ?? []))];
      const missing = stale.filter((id) => !reading.has(`${id} ${names}`));
      const readAt = clock();
      const request = missing.length > 0 ? read(missing) : Promise.resolve(new Map<string, RawProperties>());
      for (const id of missing) reading.set(`${id} ${names}`, request);
      let found: PropertiesById;
      try {
        found = await request;
      } finally {
        for (const id of missing) if (reading.get(`${id} ${names}`) === request) reading.delete(`${id} ${names}`);
      }
      for (const [id, values] of found) {
        kept.delete(id);
        kept.set(id, { properties: values, readAt, names });
      }
      // Deals another window was reading already: the same answer, read once.
      for (const other of await Promise.all(shared)) for (const [id, values] of other) if (!found.has(id)) found.set(id, values);
      // The oldest go first once too many are kept.
      for (const id of kept.keys()) {
        if (kept.size <= DEAL_REUSE_MAX) break;
        kept.delete(id);
      }
      return new Map(ids.flatMap((id) => {
        const deal = found.get(id) ?? fresh(id)?.properties;
        return deal ? [[id, deal]] : [];
      }));
    },
    readAt: (id) => kept.get(id)?.readAt,
  };
}

/** Tallies a window's outcomes into the state. */
function record(state: RescoreState, outcomes: Outcome[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === 'missing') state.missing.push(outcome.id);
    else if (outcome.status === 'failed') state.failed.push(outcome.failure);
    else {
      if (outcome.status === 'written') {
        state.written += 1;
        if (outcome.filled) state.autofilled = (state.autofilled ?? 0) + outcome.filled;
      } else state.unchanged += 1;
      const transition = `${outcome.grades[0]}→${outcome.grades[1]}`;
      state.grades[transition] = (state.grades[transition] ?? 0) + 1;
    }
  }
}

/** One more pass for records that failed for a reason a retry can fix, read afresh. */
async function retryFailures(kind: RescoreKind, state: RescoreState, signal: AbortSignal | undefined): Promise<void> {
  const again = state.failed.filter((failure) => failure.retryable);
  if (again.length === 0) return;
  state.failed = state.failed.filter((failure) => !failure.retryable);
  for (let start = 0; start < again.length; start += WINDOW_SIZE) {
    const part = again.slice(start, start + WINDOW_SIZE);
    const result = signal?.aborted ? { kind: 'aborted' as const } : await kind.scoreWindow({ ids: part.map((f) => f.id), found: undefined, next: '' }, true);
    if (result.kind === 'done') record(state, result.outcomes);
    // Not retried after all (interrupted, or the reads failed): they stay failed as they were.
    else if (result.kind === 'aborted') state.failed.push(...part);
    else state.failed.push(...part.map((f) => ({ ...result.failure, id: f.id })));
  }
}

/**
 * The records after `cursor` (by record id), with the properties scoring reads: one search page.
 * `modified` is the object's last-modified property (contacts: `lastmodifieddate`; deals and
 * companies: `hs_lastmodifieddate`).
 */
export async function searchPage(
  search: (request: CrmSearchRequest) => Promise<CrmSearchPage>, modified: string, selection: RescoreSelection, cursor: string | null, properties: string[], attempts: number,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      // Keyset paging on the record id, not search's offset: search stops paging at 10,000 results,
      // and writing a contact moves its lastmodifieddate.
      const filters = [
        ...(selection.kind === 'since' ? [{ propertyName: modified, operator: 'GTE' as const, value: String(Date.parse(selection.since)) }] : []),
        ...(cursor ? [{ propertyName: 'hs_object_id', operator: 'GT' as const, value: cursor }] : []),
      ];
      const page = await search({
        filterGroups: filters.length > 0 ? [{ filters }] : [], sorts: [{ propertyName: 'hs_object_id', direction: 'ASCENDING' }], properties, limit: SEARCH_PAGE_SIZE,
      });
      return { records: page.results, more: page.after !== undefined && page.results.length > 0, total: page.total };
    } catch (thrown) {
      const error = toCrmError(thrown, 'rescore.search');
      if (!error.retryable || attempt >= attempts) throw error;
    }
  }
}

function countsSince(before: RescoreState, after: RescoreState): RunCounts {
  const earlierFailures = new Set(before.failed.map((failure) => failure.id));
  const grades: Record<string, number> = {};
  for (const [key, count] of Object.entries(after.grades)) {
    const delta = count - (before.grades[key] ?? 0);
    if (delta > 0) grades[key] = delta;
  }
  return {
    done: after.done - before.done,
    written: after.written - before.written,
    autofilled: (after.autofilled ?? 0) - (before.autofilled ?? 0),
    unchanged: after.unchanged - before.unchanged,
    missing: after.missing.length - before.missing.length,
    failed: after.failed.filter((failure) => !earlierFailures.has(failure.id)).length,
    grades,
  };
}
