/**
 * The vocabulary of extraction: texts a rep or HubSpot wrote (call notes, meeting notes, notes,
 * emails, transcripts), the facts found in them, and the suggested answers those facts make.
 */
import type { Model, NeedLevel, RoleLevel } from '../engine';

export type ActivityKind = 'call_note' | 'meeting_note' | 'note' | 'email' | 'transcript';
export const ACTIVITY_KINDS: readonly ActivityKind[] = ['call_note', 'meeting_note', 'note', 'email', 'transcript'];

/** One activity's text (plain text: adapters strip HTML first), when it happened and what it is. */
export interface ActivityText {
  id: string;
  kind: ActivityKind;
  /** ISO date or date-time; relative dates in the text ("next month") are read from here. */
  date: string;
  text: string;
}

/** What a fact is about, independent of any model. */
export type Fact =
  | { type: 'amount'; amount: number; currency: string }
  | { type: 'role'; level: RoleLevel; title: string }
  | { type: 'need'; level: NeedLevel }
  | { type: 'timeline'; date: string };

export type FactType = Fact['type'];

/** A fact found in one text: the exact substring that says it, where it starts, how sure the rule is. */
export interface Finding<F extends Fact = Fact> {
  fact: F;
  evidence: string;
  /** Offset of `evidence` in the text, so later mentions can win over earlier ones. */
  start: number;
  confidence: number;
}

/** Where a suggestion came from: an activity, or the contact's job title. */
export interface SuggestionSource {
  id: string;
  kind: ActivityKind | 'job_title';
  date?: string;
}

/** A proposed answer for one criterion: the raw HubSpot value for its first contact source, and its proof. */
export interface Suggestion {
  criterion: string;
  /** The property the value is for (the criterion's first contact source). */
  property: string;
  /** The raw HubSpot value: a number string, an option value, or a date (YYYY-MM-DD). */
  value: string;
  /** An exact substring of the source text, or the job title. */
  evidence: string;
  confidence: number;
  /** ISO 4217 code, for amounts only. */
  currency?: string;
  source: SuggestionSource;
  fact: Fact;
}

export interface ExtractInput {
  model: Model;
  texts: ActivityText[];
  /** The contact's `jobtitle`, when known. */
  contactTitle?: string | null;
  /** Timeline options are chosen relative to this instant. */
  now: Date;
  /** The portal's currency: amounts without a currency sign are in it (default USD). */
  homeCurrency?: string;
  /** Suggestions a rep dismissed, by `suggestionKey`: not suggested again. */
  dismissed?: ReadonlySet<string>;
}
