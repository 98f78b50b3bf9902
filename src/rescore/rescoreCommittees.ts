import type { CommitteeObject } from '../committee';
import type { CrmClient } from '../crm';
import { toCrmError } from '../crm';
import type { Model } from '../engine';
import { committeeRecordProperties, readCommittees } from '../recalc/readCommittees';
import type { CommitteeReader } from '../recalc/readCommittees';
import { rollupRecord } from '../recalc/refreshCommittees';
import type { CommitteeCrm } from '../recalc/refreshCommittees';
import { runRescore, searchPage } from './rescoreContacts';
import type { RescoreOutcome, RescoreResult, RescoreRunOptions, RescoreWindow, WindowResult } from './rescoreContacts';

/** What a rescore of deals or companies needs from the CRM adapter: the committee reads, search and the batch update. */
export type CommitteeRescoreCrm = CommitteeReader & Pick<CommitteeCrm, 'updateRecords'> & Pick<CrmClient, 'searchRecords'>;

export interface CommitteeRescoreOptions extends RescoreRunOptions {
  crm: CommitteeRescoreCrm;
  /** Deals or companies; the model must roll them up (`committee.deals`, `committee.companies`). */
  object: CommitteeObject;
}

/**
 * Brings every selected deal's (or company's) committee properties up to date, with the run of
 * `bant rescore` (windows of 1,000 found by search 200 at a time, paged by record id, checkpointed
 * in order, a second pass for retryable failures): each window's committees are read in two rounds
 * of batch calls (`readCommittees`: the search already brought the records themselves), rolled up
 * as recalculation rolls them up, and only those whose values changed are written, 100 per batch
 * update; a write counts only when HubSpot's response confirms it.
 */
export async function rescoreCommittees(options: CommitteeRescoreOptions): Promise<RescoreResult> {
  const { crm, model, object, now } = options;
  const type = object === 'deal' ? 'deals' : 'companies';
  const properties = committeeRecordProperties(model, object);
  const selection = options.identity.selection;
  return runRescore(options, {
    searchPage: (cursor, attempts) => searchPage((request) => crm.searchRecords(type, request), 'hs_lastmodifieddate', selection, cursor, properties, attempts),
    scoreWindow: (window) => scoreCommitteeWindow(crm, model, object, now, window, options.dryRun === true, options.signal),
  });
}

/** Reads, rolls up and writes one window of deals or companies; never throws (a failure is the window's result). */
async function scoreCommitteeWindow(
  crm: CommitteeRescoreCrm, model: Model, object: CommitteeObject, now: Date, window: RescoreWindow, dryRun: boolean, signal: AbortSignal | undefined,
): Promise<WindowResult> {
  const type = object === 'deal' ? 'deals' : 'companies';
  try {
    const found = window.found ? (object === 'deal' ? { deals: window.found } : { companies: window.found }) : {};
    const records = await readCommittees(crm, model, object === 'deal' ? { dealIds: window.ids, companyIds: [], found } : { dealIds: [], companyIds: window.ids, found });
    const outcomes: RescoreOutcome[] = [];
    const updates: Array<{ id: string; properties: Record<string, string>; grades: [string, string] }> = [];
    for (const record of records) {
      const rolled = rollupRecord(model, record, now);
      if (rolled.status === 'missing' || !rolled.result) {
        outcomes.push({ id: record.id, status: 'missing' });
        continue;
      }
      const before = record.stored?.bant_grade || '(none)';
      if (rolled.status === 'unchanged') outcomes.push({ id: record.id, status: 'unchanged', grades: [before, before] });
      else updates.push({ id: record.id, properties: rolled.properties, grades: [before, rolled.result.grade || '(none)'] });
    }
    if (dryRun) return { kind: 'done', outcomes: [...outcomes, ...updates.map(({ id, grades }) => ({ id, status: 'written' as const, grades }))] };
    if (signal?.aborted) return { kind: 'aborted' };
    if (updates.length > 0) {
      const { written, failed } = await crm.updateRecords(type, updates.map(({ id, properties }) => ({ id, properties })));
      // Interrupted mid-write: what HubSpot applied is unknown, so the whole window is redone on resume.
      if (signal?.aborted || failed.some((f) => f.code === 'ABORTED')) return { kind: 'aborted' };
      const confirmed = new Set(written);
      const refused = new Map(failed.map((f) => [f.id, f]));
      for (const { id, grades } of updates) {
        const failure = refused.get(id);
        if (confirmed.has(id) && !failure) outcomes.push({ id, status: 'written', grades });
        // Deleted between the read and the write: nothing is left to roll up.
        else if (failure?.code === 'NOT_FOUND') outcomes.push({ id, status: 'missing' });
        else {
          outcomes.push({
            id, status: 'failed',
            failure: { id, message: failure?.message ?? `${type}.batch.update: HubSpot's response did not confirm ${object} ${id} as written`, retryable: failure?.retryable ?? true },
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
