/** Which contacts a rescore covers. */
export type RescoreSelection =
  | { kind: 'all' }
  /** Contacts whose `lastmodifieddate` is on or after `since`. */
  | { kind: 'since'; since: string }
  | { kind: 'ids'; ids: string[] };

export interface RescoreFailure {
  id: string;
  message: string;
  /** Whether running again can help (rate limit, 5xx, network), as opposed to HubSpot refusing the write. */
  retryable: boolean;
}

/** Where a rescore stands: what a checkpoint file holds, and what the summary reports. */
export interface RescoreState {
  version: 1;
  /** What this state belongs to: a checkpoint is only resumed by the same selection and model. */
  selection: RescoreSelection;
  modelVersion: string;
  /** Where the next page starts (a list cursor, the last id seen, an index into --ids); null before the first page. */
  cursor: string | null;
  /** Contacts handled (written, unchanged, gone or failed) on committed pages. */
  done: number;
  written: number;
  unchanged: number;
  /** Contacts that no longer exist (deleted since they were listed, or unknown --ids). */
  missing: string[];
  failed: RescoreFailure[];
  /** "before→after" grade → contacts, for contacts now stored with the new result (or that would be, in a dry run). */
  grades: Record<string, number>;
  startedAt: string;
}

export interface RescoreProgress {
  /** Contacts handled so far, resumed ones included. */
  done: number;
  /** Contacts handled by this run, for its rate. */
  doneThisRun: number;
  /** All contacts the run will handle, when known. */
  total: number | null;
  elapsedMs: number;
}
