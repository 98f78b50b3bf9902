/** Which contacts a rescore covers. */
export type RescoreSelection =
  | { kind: 'all' }
  /** Contacts whose `lastmodifieddate` is on or after `since`. */
  | { kind: 'since'; since: string }
  | { kind: 'ids'; ids: string[] };

/** What a rescore writes on: contacts (the default), or deals' and companies' buying committees. */
export type RescoreObject = 'contacts' | 'deals' | 'companies';

/**
 * What a run is made for. A checkpoint is resumed only by a run with the same identity: the same
 * portal (Hub ID and API address), the same model (version and content), the same records and the
 * same scoring instant when one was given.
 */
export interface RescoreIdentity {
  /** Deals or companies; absent for contacts (checkpoints written before deals and companies had none). */
  object?: Exclude<RescoreObject, 'contacts'>;
  /** The HubSpot account's id (Hub ID), from its account details. */
  portalId: string;
  /** HUBSPOT_API_BASE_URL: the same Hub ID behind another address is another portal (a local one, a sandbox). */
  baseUrl: string;
  modelVersion: string;
  /** The model's content checksum (src/modelstore's, what a stored version records): an edited model that kept its version is still another model. */
  modelChecksum: string;
  selection: RescoreSelection;
  /** `--now` when given; null when each run scores as of its own start. */
  now: string | null;
}

export interface RescoreFailure {
  id: string;
  message: string;
  /** Whether running again can help (rate limit, 5xx, network), as opposed to HubSpot refusing the write. */
  retryable: boolean;
}

/** Where a rescore stands: what a checkpoint file holds, and what the summary reports. */
export interface RescoreState {
  version: 2;
  identity: RescoreIdentity;
  /**
   * Where the next window starts: the last contact id of the last window whose every write HubSpot
   * confirmed (or an index into --ids); null before the first. Nothing after it is assumed done.
   */
  cursor: string | null;
  /** Contacts handled (written, unchanged, gone or failed) in committed windows, by every run of this checkpoint. */
  done: number;
  /** Contacts HubSpot confirmed written (in its batch responses), by every run of this checkpoint. */
  written: number;
  /** Answers filled from suggestions (model `suggestions.autofill`) in writes HubSpot confirmed; absent in older checkpoints. */
  autofilled?: number;
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
