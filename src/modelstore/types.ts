/** A version as stored, without judging its model: what `bant model history` lists. */
export interface VersionSummary {
  /** HubSpot's record id. */
  recordId: string;
  number: number;
  /** `<model id>@<n>`. */
  name: string;
  modelId: string;
  checksum: string;
  createdBy: string;
  createdAt: string;
  note: string;
  basedOn: number | null;
}

/** A version with its model as the stored JSON text. */
export interface StoredVersion extends VersionSummary {
  json: string;
}

/** One publish, as the pointer's log keeps it. */
export interface Publication {
  number: number;
  name: string;
  checksum: string;
  by: string;
  at: string;
  note: string;
}

/** The pointer: which version is published, a copy of its JSON (so one read resolves it), and every publish so far. */
export interface PublishedPointer {
  recordId: string;
  number: number;
  name: string;
  modelId: string;
  checksum: string;
  json: string;
  by: string;
  at: string;
  note: string;
  publications: Publication[];
}

export type VersionStatus = 'published' | 'previously published' | 'draft';

/** A row of the history: the version, its status, and who published it when (the last time). */
export interface VersionHistoryRow extends VersionSummary {
  status: VersionStatus;
  lastPublished: Publication | null;
}

/** The buying committees of deals or companies, brought to the version after the contacts (when the model rolls them up). */
export interface RescorePart {
  object: 'deals' | 'companies';
  /** `waiting`: the contacts (or the deals before it) are not done yet. */
  state: 'waiting' | 'running' | 'done' | 'stopped';
  done: number;
  total: number | null;
  written: number;
  errors: number;
  message?: string;
}

/** Where the background rescore after a publish stands, as the progress record holds it. */
export interface BackgroundRescore {
  /** The version being brought onto every contact. */
  name: string;
  checksum: string;
  state: 'running' | 'done' | 'stopped';
  done: number;
  total: number | null;
  written: number;
  errors: number;
  startedAt: string;
  updatedAt: string;
  /** Why it stopped, when it did. */
  message?: string;
  /** `done`, `total`, `written` and `errors` above count contacts; deals and companies follow here when the model rolls them up. */
  parts?: RescorePart[];
}
