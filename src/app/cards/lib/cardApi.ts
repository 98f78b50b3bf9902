/**
 * The contract between the card and its app function (`bant_card_api`): what the card sends in
 * `parameters`, and what the function answers. Types only, so the function can import this file
 * without pulling card code into its bundle.
 */
import type { DealRecord, LeadResult, Model, ModelProblem, RawProperties } from '@bant/engine';
import type { Suggestion } from '../../../extract/types';
import type { HistoryItem, ScorePoint } from '../../../history/types';

/** The uid of the card's app function, as declared in src/app/functions/bant-card-api-hsmeta.json. */
export const CARD_API_UID = 'bant_card_api';

export type LoadParameters = {
  action: 'load';
  /** `context.portal.id`: app functions receive no account id of their own. */
  portalId: number;
  contactId: string;
  /** The rep's language (one of the app's: en, fi, nb, ar): the function answers in it. */
  locale?: string;
};

/* Parameters are types, not interfaces: they must be assignable to the SDK's JsonValue. */
export type SaveParameters = {
  action: 'save';
  portalId: number;
  contactId: string;
  locale?: string;
  /** The rep's answers that changed, by HubSpot property name, as raw HubSpot strings ("" clears). */
  answers: Record<string, string>;
  /** The rep's HubSpot user id (`context.user.id`), stamped as `bant_answered_by`. */
  userId?: string;
};

/** "Still true": stamps the criteria's answers as confirmed now by the rep, values unchanged. */
export type ConfirmParameters = {
  action: 'confirm';
  portalId: number;
  contactId: string;
  locale?: string;
  userId: string;
  /** Criterion keys, e.g. ["budget"]. */
  criteria: string[];
};

/** Sets the verdict by hand with a reason and an optional last day (YYYY-MM-DD); `verdict: null` removes it. */
export type OverrideParameters = {
  action: 'override';
  portalId: number;
  contactId: string;
  locale?: string;
  userId: string;
  verdict: 'qualified' | 'not_qualified' | null;
  reason?: string;
  until?: string;
};

/** Hides one suggestion for this contact, for every rep: the criterion's suggestion from that activity. */
export type DismissParameters = {
  action: 'dismiss';
  portalId: number;
  contactId: string;
  locale?: string;
  criterion: string;
  /** The activity the suggestion came from (`jobtitle` for the job title). */
  sourceId: string;
};

/** Reads one call's transcript (only when the rep opens it): its suggestions join the others; answers like a load. */
export type TranscriptParameters = {
  action: 'transcript';
  portalId: number;
  contactId: string;
  locale?: string;
  callId: string;
  transcriptId: string;
};

export type CardApiParameters = LoadParameters | SaveParameters | DismissParameters | ConfirmParameters | OverrideParameters | TranscriptParameters;

/** A call of the contact with a transcript the rep may open. */
export interface CardTranscript {
  callId: string;
  transcriptId: string;
  /** The call's date (ISO). */
  date?: string;
  /** True once read on this answer: its suggestions are among `suggestions`. */
  read?: boolean;
}

/**
 * An answer proposed from the contact's calls, meetings, notes and emails (or job title), with its
 * proof: the extraction engine's suggestion (src/extract) without the fact it read.
 */
export type CardSuggestion = Omit<Suggestion, 'fact'>;

/** What HubSpot says about one of the rep's answer properties. */
export interface AnswerProperty {
  name: string;
  label: string;
  /** HubSpot `fieldType` ("number", "select", "radio", "checkbox", "booleancheckbox", "date"). */
  fieldType: string;
  options: Array<{ value: string; label: string }>;
  /** False when the property does not exist in the portal yet. */
  exists: boolean;
  /** True when HubSpot marks the value read-only (a calculated or locked property). */
  readOnly: boolean;
}

/** Everything the card shows, from ONE function call (load or save). */
export interface CardData {
  model: Model;
  contactId: string;
  /** The contact's stored values: the inputs the model reads and the derived `bant_*` outputs. */
  contact: RawProperties;
  /** The deal whose properties feed deal sources (the model's deal policy), null when none is open. */
  deal: DealRecord | null;
  /** The contact's primary company's properties, when the model reads company properties. */
  company: RawProperties | null;
  /** The result for the stored values, computed by the engine when the function ran. */
  result: LeadResult;
  /** The rep's answer properties as HubSpot defines them, by name. */
  properties: Record<string, AnswerProperty>;
  /** Whether the rep can save answers; when false, `readOnlyReason` says why and what to do. */
  canEdit: boolean;
  readOnlyReason: string | null;
  /** Whether the stored `bant_*` properties differ from `result` (e.g. a deal changed since). */
  stale: boolean;
  /** The portal's company currency (ISO 4217), for amounts; absent when unknown. */
  currency?: string | null;
  /** The portal's time zone (IANA), for absolute times; absent when unknown. */
  timeZone?: string | null;
  /** Suggested answers for unknown answers and for stored answers they contradict; absent when the model takes none. */
  suggestions?: CardSuggestion[];
  /** Calls with a transcript, read only when the rep opens one (`transcript` action). */
  transcripts?: CardTranscript[];
  /** The criteria the app filled from a suggestion on this open (RevOps turned on auto-fill). */
  autofilled?: string[];
  /** Who changed what and the score over time, from HubSpot's property history; absent when not read. */
  history?: CardHistory;
  /** The contact's HubSpot lead (Leads, Sales Hub Professional and Enterprise); absent when the portal has no Leads or the contact none. */
  lead?: CardLead | null;
}

/** HubSpot's default lead pipeline stages, by internal id: the card words them in the user's language. */
export const DEFAULT_LEAD_STAGES = ['new-stage-id', 'attempting-stage-id', 'connected-stage-id', 'qualified-stage-id', 'unqualified-stage-id'] as const;

/** The contact's open lead (else its newest) and its stage. */
export interface CardLead {
  id: string;
  /** `hs_lead_name`. */
  name: string | null;
  /** The stage id (`hs_pipeline_stage`). */
  stage: string;
  /** HubSpot's label of a custom stage; null for a default stage (the card words it) or when unknown. */
  stageLabel: string | null;
  /** False when every lead of the contact is already Qualified or Unqualified. */
  open: boolean;
  /** What the app does with it as the verdict changes (the model's `leads`): nothing, qualify, or qualify and unqualify. */
  moves: 'qualify' | 'both' | null;
}

/** The score's and answers' history as HubSpot keeps it, for the card's history section. */
export interface CardHistory {
  /** The score over time, oldest first: the chart's line (the latest points). */
  scores: ScorePoint[];
  /** The last changes, newest first, as the core describes them (src/history). */
  changes: HistoryItem[];
  /** How many older changes HubSpot keeps that are not sent. */
  older: number;
  /** Names of the HubSpot users the history, the stamps and the override mention, by user id; a user without one is "a user". */
  users: Record<string, string>;
}

export type CardErrorCode =
  | 'invalid_parameters'
  | 'invalid_answers'
  /** The model lets nobody set the verdict by hand. */
  | 'not_allowed'
  | 'model_invalid'
  | 'not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'configuration'
  | 'rate_limited'
  | 'crm_unavailable'
  | 'unreachable'
  | 'internal';

/** One refused answer: the field, the value and the fix, in words a rep understands. */
export interface FieldError {
  property: string;
  criterion: string;
  value: string;
  message: string;
}

export interface CardError {
  code: CardErrorCode;
  message: string;
  /** Whether trying the same thing again can succeed (a timeout, a rate limit), or something must change first. */
  retryable: boolean;
  fields?: FieldError[];
  problems?: ModelProblem[];
}

export type CardResponse = { ok: true; data: CardData; written?: string[] } | { ok: false; error: CardError };
