/**
 * The contract between the settings page and its app function (`bant_settings_api`). Types only,
 * so the function can import this file without pulling page code into its bundle.
 */
import type { LeadResult, Model, ModelProblem } from '@bant/engine';

/** The uid of the settings page's app function, as declared in src/app/functions/bant-settings-api-hsmeta.json. */
export const SETTINGS_API_UID = 'bant_settings_api';

/* Parameters are types, not interfaces: they must be assignable to the SDK's JsonValue. */
export type OverviewParameters = { action: 'overview' };
/** `contact`: a contact's record id (digits) or its email address. */
export type PreviewParameters = { action: 'preview'; contact: string };
export type SettingsParameters = OverviewParameters | PreviewParameters;

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

/** The model in use, and how its mappings fit this portal. */
export interface SettingsOverview {
  /** Null when the model in use is invalid; `modelProblems` then says why. */
  model: Model | null;
  modelProblems: ModelProblem[];
  modelSource: ModelSourceInfo;
  check: MappingCheck;
}

/** One contact scored with the active model, next to what HubSpot has stored for it. */
export interface ContactPreview {
  contact: { id: string; email: string | null; name: string | null };
  result: LeadResult;
  stored: { score: string | null; grade: string | null; scoredAt: string | null; modelVersion: string | null };
}

export type SettingsErrorCode = 'invalid_parameters' | 'model_invalid' | 'not_found' | 'unreachable' | 'crm' | 'internal';

export interface SettingsError {
  code: SettingsErrorCode;
  message: string;
  retryable: boolean;
}

export type SettingsResponse<T> = { ok: true; data: T } | { ok: false; error: SettingsError };
