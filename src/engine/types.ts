/**
 * The vocabulary of the scoring engine: a model (what RevOps configure), a lead record (raw
 * HubSpot values), and a result (what a rep and the CRM see). Raw HubSpot values are strings.
 */

export type CrmObject = 'contact' | 'deal' | 'company';

/**
 * A human text of a model: one string, or a map from language code to text
 * (`{"en": "Budget", "fi": "Budjetti", "nb": "Budsjett", "ar": "الميزانية"}`). Adapters show it in the
 * user's language through `@bant/i18n`; the engine's own English output uses `englishText`.
 */
export type LocalizedText = string | Readonly<Record<string, string>>;

/** One choice of an enumeration property, with the points it earns. */
export interface OptionPoints {
  value: string;
  label: LocalizedText;
  points: number;
}

/** A numeric band: `from` inclusive, `to` exclusive; the top band may leave `to` open. */
export interface Band {
  from: number;
  to?: number;
  points: number;
}

/** Dates on or before now + `withinMonths` calendar months earn `points` (past dates included). */
export interface DateWindow {
  withinMonths: number;
  points: number;
}

export type Rule =
  | { type: 'bands'; unit?: 'currency' | 'number' | 'percent'; bands: Band[] }
  | { type: 'options'; options: OptionPoints[] }
  | { type: 'likert'; levels: OptionPoints[] }
  | { type: 'multi'; mode: 'sum' | 'max'; options: OptionPoints[] }
  | { type: 'coverage'; options: Array<{ value: string; label: LocalizedText }>; bands: Band[] }
  | { type: 'date_window'; windows: DateWindow[]; later: number }
  | { type: 'boolean'; whenTrue: number; whenFalse: number };

export type RuleType = Rule['type'];

/** Where a criterion reads its value. `managed` properties are created and owned by this app. */
export interface Source {
  object: CrmObject;
  property: string;
  label?: LocalizedText;
  /** Reads this source's value with another rule (e.g. a deal close date for a timeline answered as options). */
  rule?: Rule;
  managed?: boolean;
}

export interface Criterion {
  key: string;
  label: LocalizedText;
  max: number;
  /** The gate: a known value must earn at least this many points for the criterion to be met. */
  minimum: number;
  /** In precedence order: the first source with a non-empty value is used. */
  sources: Source[];
  rule: Rule;
  /** Discovery questions a rep can ask while the criterion is unknown. */
  questions?: LocalizedText[];
  description?: LocalizedText;
  /** How a deal or company takes this criterion from its buying committee (default: records first, highest points). */
  rollup?: Rollup;
  /**
   * How many days an answer stays believable: an answer from a contact source whose stamp
   * (`bant_<key>_answered_at`) is more than this many 24-hour days old is stale (SCORING.md §6).
   */
  maxAgeDays?: number;
}

/**
 * How a committee (a deal or company and its contacts) takes one criterion's evidence: the record's
 * own properties (the criterion's deal and company sources) or the contacts' answers first, and which
 * answer wins among several. `highest`: the most points; `soonest`: the most points, and among equal
 * points the earliest date or the option listed first.
 */
export interface Rollup {
  prefer: 'records' | 'contacts';
  pick: 'highest' | 'soonest';
  /** The committee's gate for this criterion, when it should be stricter than a contact's (default: the criterion's minimum). */
  minimum?: number;
}

/** Which records the app rolls up from their contacts, and whose answer names a contact's role. */
export interface CommitteeOptions {
  deals: boolean;
  companies: boolean;
  /** The criterion whose answer is a contact's role on the committee card ("Director"). */
  roleCriterion?: string;
}

/** HubSpot's Leads object (0-136): the stages the app may move a contact's open lead to. */
export interface LeadOptions {
  /** Move the open lead to `qualifiedStage` when the contact qualifies. */
  qualify: boolean;
  /** Move it to `unqualifiedStage` when every criterion is known and the contact does not qualify. */
  unqualify: boolean;
  qualifiedStage: string;
  unqualifiedStage: string;
}

/** The contact's lifecycle stage: moved forward to `stage` when the contact qualifies, never back. */
export interface LifecycleOptions {
  advance: boolean;
  stage: string;
}

export interface Grade {
  grade: string;
  min: number;
  /** What the grade says about the lead ("Strong fit"), never a routing promise: routing decides the action. */
  label?: LocalizedText;
}

export interface RoutingCondition {
  qualified?: boolean;
  grades?: string[];
  /** Matches when any of these criteria is not met. */
  failing?: string[];
  /** `true` matches when some answer is stale, `false` when none is. */
  stale?: boolean;
}

export interface RoutingRule {
  when?: RoutingCondition;
  action: string;
}

/** The HubSpot action a rep can take from the card for a next action (CrmActionButton). */
export type CrmAction = 'add_task' | 'schedule_meeting' | 'send_email' | 'enroll_in_workflow';

export interface Action {
  key: string;
  label: LocalizedText;
  /** The button the card offers for this next action; none when absent. */
  crmAction?: CrmAction;
}

/** Who may set the verdict by hand, and whether routing follows it (SCORING.md §6). */
export interface OverrideOptions {
  /** `editors`: anyone who can edit the contact; `nobody`: overrides are refused and a stored one does not apply. */
  who: 'editors' | 'nobody';
  /** `override`: routing (`bant_next_action`) takes the override's verdict; `computed`: the model's own. */
  routing: 'override' | 'computed';
}

export type DealPolicy = 'newest_open' | 'largest_open' | 'soonest_closing_open';

/** A person's level in the hierarchy, as read from a job title or their own words. */
export type RoleLevel = 'c_level' | 'director' | 'manager' | 'staff';
/** How strongly a buyer says they need what we sell: explicit pain or fit, part of it, nice to have, just browsing. */
export type NeedLevel = 'strong' | 'partial' | 'nice_to_have' | 'none';

/**
 * Which fact found in calls, meetings, notes and emails feeds a criterion, and how it becomes the
 * raw value of the criterion's first contact source: an amount (a number string), a role or need
 * level (mapped to one of the criterion's options), or a purchase date (a date, or the first option
 * whose `withinMonths` holds it; an entry without `withinMonths` takes later dates).
 */
export type SuggestionFact =
  | { fact: 'amount' }
  | { fact: 'role'; options: Partial<Record<RoleLevel, string>> }
  | { fact: 'need'; options: Partial<Record<NeedLevel, string>> }
  | { fact: 'timeline'; options?: Array<{ value: string; withinMonths?: number }> };

/** Suggested answers from activities (SCORING.md §6): the facts per criterion, and auto-fill of empty answers. */
export interface SuggestionOptions {
  /** Per criterion key; a criterion not listed gets suggestions only when its rule says what it reads (currency bands: an amount; date windows: a date). */
  facts?: Record<string, SuggestionFact>;
  /** Fill EMPTY answers from suggestions at or above `minConfidence` (0..1), stamped as the app's. Off unless `enabled`. */
  autofill?: { enabled: boolean; minConfidence: number };
}

export interface Model {
  id: string;
  version: string;
  name: LocalizedText;
  framework: string;
  description?: LocalizedText;
  propertyGroup: { name: string; label: string };
  dealSelection: { policy: DealPolicy };
  criteria: Criterion[];
  qualification: { minScore: number };
  grades: Grade[];
  actions: Action[];
  routing: RoutingRule[];
  committee?: CommitteeOptions;
  leads?: LeadOptions;
  lifecycle?: LifecycleOptions;
  suggestions?: SuggestionOptions;
  /** Verdicts set by hand; absent: nobody may override. */
  overrides?: OverrideOptions;
}

export type RawValue = string | null | undefined;
export type RawProperties = Record<string, RawValue>;

export interface DealRecord {
  id: string;
  properties: RawProperties;
}

/** One lead as HubSpot stores it: the contact's properties, its deals, its primary company. */
export interface LeadRecord {
  contact: RawProperties;
  deals?: DealRecord[];
  company?: RawProperties;
}

export type CriterionStatus = 'met' | 'below' | 'unknown' | 'invalid';

export interface SourceRef {
  object: CrmObject;
  property: string;
  dealId?: string;
  dealName?: string;
}

export interface CriterionResult {
  key: string;
  label: string;
  points: number;
  max: number;
  minimum: number;
  status: CriterionStatus;
  /** The raw value that was scored (or rejected), null when unknown. */
  value: string | null;
  /** What the value means in words ("Manager", "120,000", "2027-01-15"). */
  display: string | null;
  source: SourceRef | null;
  /** Why, in English: the explanation, the gate and the source in one sentence. */
  reason: string;
  /** Why, as a code and its values, for message catalogs to phrase in any language. */
  explanation: Explanation;
  /** When the contact's answer was last saved or confirmed (ISO 8601), null without a readable stamp. */
  answeredAt: string | null;
  /** The answer is older than the criterion's `maxAgeDays`: ask the rep to re-check it. Points are unchanged. */
  stale: boolean;
}

/** What a numeric rule measured: a number as entered, or the share of a checklist covered. */
export type Measure =
  | { kind: 'number'; raw: string; value: number; unit?: 'currency' | 'number' | 'percent' }
  | { kind: 'coverage'; covered: number; total: number; percent: number };

/**
 * Why a criterion earned its points (or none), as a code and its values. `reason` is its English
 * wording; message catalogs can word the same codes in other languages.
 */
export type Explanation =
  | { code: 'no_value'; looked: Array<{ object: CrmObject; property: string }> }
  | { code: 'band'; measure: Measure; from: number; to?: number; points: number }
  | { code: 'below_bands'; measure: Measure; lowest: number }
  | { code: 'above_bands'; measure: Measure }
  | { code: 'option'; value: string; label: string; points: number }
  | { code: 'selected'; values: string[]; mode: 'sum' | 'max'; points: number; uncapped: number }
  | { code: 'date_window'; date: string; withinMonths: number; points: number }
  | { code: 'date_later'; date: string; months: number; points: number }
  | { code: 'boolean'; value: boolean; points: number }
  | { code: 'not_a_number' | 'not_finite' | 'not_a_date' | 'not_a_calendar_date' | 'not_a_boolean'; raw: string }
  | { code: 'unknown_option'; raw: string; expected: string[] }
  | { code: 'unknown_options' | 'unknown_items'; values: string[]; expected: string[] };

export type ExplanationCode = Explanation['code'];

export type Verdict = 'qualified' | 'not_qualified';

/** A verdict set by hand, as stored on the contact, and whether it applies now. */
export interface Override {
  verdict: Verdict;
  reason: string | null;
  /** Who set it: a HubSpot user id, as the card stores it. */
  by: string | null;
  /** The last day it applies (YYYY-MM-DD, UTC); null: no end. */
  until: string | null;
  /**
   * `applies`; `expired` once its last day is over; `not_allowed` when the model lets nobody
   * override; `unreadable_until` when the last day is not a date (it does not apply until fixed).
   */
  status: 'applies' | 'expired' | 'not_allowed' | 'unreadable_until';
}

export interface LeadResult {
  modelId: string;
  modelVersion: string;
  score: number;
  max: number;
  qualified: boolean;
  grade: string;
  nextAction: string;
  failedCriteria: string[];
  completeness: number;
  /** Keys of the criteria whose answer is stale, in model order. */
  staleCriteria: string[];
  /** The verdict that counts: an override that applies, else the computed one (`qualified`). */
  verdict: Verdict;
  /** The override stored on the contact, applying or not; null when there is none. */
  override: Override | null;
  criteria: CriterionResult[];
  deal: { id: string; name: string | null } | null;
}

export type DerivedProperties = Record<string, string>;
