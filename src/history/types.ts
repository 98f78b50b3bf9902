/**
 * The vocabulary of a lead's history: HubSpot's property versions in, changes a person can read
 * out. HubSpot keeps every version of every property (value, time, source), so the app stores no
 * history of its own; this folder turns those versions into "who changed what, and why the score
 * moved". Pure: no IO, no clock.
 */

/** One version of a property, exactly as HubSpot's `propertiesWithHistory` returns it. */
export interface PropertyVersion {
  value: string;
  /** ISO 8601. */
  timestamp: string;
  /** `CRM_UI`, `INTEGRATION`, `IMPORT`, `AUTOMATION_PLATFORM`, `CALCULATED`, ... */
  sourceType: string;
  sourceId?: string;
  sourceLabel?: string;
  updatedByUserId?: number;
}

/** Property name → its versions, newest first (HubSpot's order). */
export type PropertyHistory = Record<string, PropertyVersion[]>;

/** The histories that explain one lead: the contact's, its deals' and its company's. */
export interface LeadHistory {
  contact: PropertyHistory;
  deals: Array<{ id: string; name: string | null; history: PropertyHistory }>;
  company: PropertyHistory | null;
}

/**
 * Where a change came from, in the terms a sales manager uses. A person is named by HubSpot user
 * id; the adapters turn ids into names.
 */
export type ChangeSource =
  /** Saved or re-confirmed on the BANT card by a rep (`bant_answered_by`). */
  | { via: 'card'; userId: string | null }
  /** Filled by the app from a suggestion found in the lead's activities. */
  | { via: 'suggestion' }
  /** The app recalculating the score (a deal changed, an answer changed elsewhere, or the nightly rescore). */
  | { via: 'recalculation' }
  /** Edited on the HubSpot record page (or HubSpot's mobile app). */
  | { via: 'record'; userId: string | null }
  | { via: 'import'; userId: string | null }
  | { via: 'workflow'; label: string | null }
  /** Another app or integration. */
  | { via: 'integration'; label: string | null }
  /** Anything else HubSpot reports (`API`, `CALCULATED`, `FORM`, ...). */
  | { via: 'other'; sourceType: string; userId: string | null };

/** Why the score moved: what changed since its previous value. */
export type ScoreCause =
  | { kind: 'answer'; criterion: string }
  | { kind: 'deal'; dealId: string; dealName: string | null; property: string; from: string | null; to: string | null }
  | { kind: 'company'; property: string }
  | { kind: 'model'; version: string }
  /** No input the model reads changed: time moved a date window or an answer's age, or a deal was linked or unlinked. */
  | { kind: 'unrecorded' };

export type OverrideVerdict = 'qualified' | 'not_qualified';

/** One change, in words-to-be: the catalogs phrase these in the rep's language. */
export type HistoryItem =
  | { kind: 'answer'; at: string; criterion: string; property: string; from: string | null; to: string | null; source: ChangeSource }
  /** An answer confirmed as still true, its value unchanged. */
  | { kind: 'confirmed'; at: string; criterion: string; value: string | null; source: ChangeSource }
  | {
      kind: 'score'; at: string; from: number | null; to: number; source: ChangeSource; causes: ScoreCause[];
      /** The computed verdict before and after, when it changed in the same write. */
      qualified?: { from: boolean | null; to: boolean };
    }
  | { kind: 'model'; at: string; from: string | null; to: string }
  | {
      kind: 'override'; at: string; verdict: OverrideVerdict | null; reason: string | null; until: string | null;
      /** Who the override names as its author (`bant_override_by`). */
      by: string | null; source: ChangeSource;
    };

export interface ScorePoint {
  at: string;
  score: number;
}

export interface Timeline {
  /** Every recorded score, oldest first: the chart's line. */
  scores: ScorePoint[];
  /** Every change, newest first; changes written together keep the score first, then its causes. */
  changes: HistoryItem[];
  /** HubSpot user ids the changes mention, for one lookup of their names. */
  userIds: string[];
}
