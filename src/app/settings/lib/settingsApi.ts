/**
 * The contract between the settings page and its app function (`bant_settings_api`). Types only,
 * so the function can import this file without pulling page code into its bundle.
 */
import type { LeadResult, Model, ModelProblem } from '@bant/engine';
import type { BackgroundRescore, VersionHistoryRow } from '../../../modelstore/types';
import type { ImpactPreview } from '../../../modelstore/previewImpact';

/** The uid of the settings page's app function, as declared in src/app/functions/bant-settings-api-hsmeta.json. */
export const SETTINGS_API_UID = 'bant_settings_api';

/* Parameters are types, not interfaces: they must be assignable to the SDK's JsonValue. `locale`: the language the function answers in. */
export type OverviewParameters = { action: 'overview'; locale?: string };
/** `contact`: a contact's record id (digits) or its email address. */
export type PreviewParameters = { action: 'preview'; locale?: string; contact: string };
/** A draft tried against the portal: the diff in words, the impact on a sample of contacts, a backtest on a sample of closed leads. */
export type TryParameters = { action: 'try'; locale?: string; model: JsonObject };
/** `userId`: context.user.id of the page; the function checks it against HubSpot's users (super admin). */
export type PushParameters = { action: 'push'; locale?: string; userId: number; model: JsonObject; note: string; basedOn: number | null };
export type PublishParameters = { action: 'publish'; locale?: string; userId: number; number: number; note: string; expected: number | null };
export type SettingsParameters = OverviewParameters | PreviewParameters | TryParameters | PushParameters | PublishParameters;

/** A JSON object, as the page sends a model. */
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** One property mapping that does not fit the model (the shape of `bant check`'s issues). */
export interface MappingIssue {
  severity: 'error' | 'warning';
  code: string;
  object: 'contact' | 'deal' | 'company' | 'lead';
  property: string;
  /** `criteria[i].sources[j]`, or `derived` for the app's outputs. */
  path: string;
  message: string;
  fix: string;
}

export type MappingCheck =
  | { checked: true; mappings: number; problems: MappingIssue[]; warnings: MappingIssue[] }
  | { checked: false; reason: string };

/** Where the model in use comes from: the version published in the portal, or the bundled model (and why). */
export interface ModelSourceInfo {
  kind: 'portal' | 'bundled';
  version: { number: number; name: string; checksum: string; publishedBy: string; publishedAt: string } | null;
  /** e.g. "the published version bant-default@4", or "the bundled model bant-default@1: no model version is published ...". */
  description: string;
}

/**
 * The optional language model of suggested answers, as the settings function's secrets set it:
 * where texts go when it is on (never the key), or what is wrong with the secrets.
 */
export type LanguageModelStatus =
  | { state: 'off' }
  /** `days`, `limit`: how far back and how many of a contact's activities are sent. */
  | { state: 'on'; host: string; model: string; timeoutMs: number; days: number; limit: number }
  | { state: 'invalid'; problem: string };

/** A HubSpot object the webhook subscriptions cover. */
export type WatchedObject = 'contact' | 'deal' | 'company';

/**
 * What the deployed webhook subscriptions send (they are static: deployed with the app), and what
 * the published model reads that they do not: changes to it reach stored scores only after the
 * app is built and uploaded again, or through a rescore; the card, rescore and backtest use it at once.
 */
export interface SubscriptionCoverage {
  /** Property names whose changes the deployed subscriptions send, by object. */
  watched: Record<WatchedObject, string[]>;
  /** What the published model needs and the deployed subscriptions lack (propertyName null: association changes; `activityCreation`: new activities, with auto-fill on). */
  missing: Array<{ objectType: WatchedObject; propertyName: string | null; activityCreation?: true }>;
}

/** The model in use, and how its mappings fit this portal. */
export interface SettingsOverview {
  /** Null when the model in use is invalid; `modelProblems` then says why. */
  model: Model | null;
  modelProblems: ModelProblem[];
  modelSource: ModelSourceInfo;
  check: MappingCheck;
  /** Every stored version, newest first (empty without the custom object). */
  versions: VersionHistoryRow[];
  /** The background rescore after the last publish, when one ran. */
  rescore: BackgroundRescore | null;
  /** The portal's properties by object, for the source picker: name, label, HubSpot type. */
  properties: Record<'contact' | 'deal' | 'company', Array<{ name: string; label: string; type: string }>>;
  languageModel: LanguageModelStatus;
  subscriptions: SubscriptionCoverage;
}

/** Precision, recall and F1 at the verdict (qualified or not) on the sample of closed leads. */
export interface VerdictMetrics {
  leads: number;
  won: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

/** A draft compared with the published model (or the bundled one while none is published). */
export interface DraftTrial {
  /** What changed, in words ("Budget ≥ 100,000 now earns 25 instead of 30"). */
  diff: string[];
  impact: ImpactPreview;
  backtest: { contactsRead: number; published: VerdictMetrics; draft: VerdictMetrics };
}

export type PushResult = { state: 'pushed' | 'identical'; number: number; name: string; diff: string[] };
export type PublishResult = { number: number; name: string; rollback: boolean };

/** One contact scored with the active model, next to what HubSpot has stored for it. */
export interface ContactPreview {
  contact: { id: string; email: string | null; name: string | null };
  result: LeadResult;
  stored: { score: string | null; grade: string | null; scoredAt: string | null; modelVersion: string | null };
}

export type SettingsErrorCode = 'invalid_parameters' | 'model_invalid' | 'not_found' | 'unreachable' | 'crm' | 'internal' | 'forbidden' | 'refused' | 'no_versions';

export interface SettingsError {
  code: SettingsErrorCode;
  message: string;
  retryable: boolean;
  /** For model_invalid on a push: every problem, by path. */
  problems?: ModelProblem[];
}

export type SettingsResponse<T> = { ok: true; data: T } | { ok: false; error: SettingsError };
