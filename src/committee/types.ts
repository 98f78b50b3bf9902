/**
 * The vocabulary of a buying committee: a deal or a company, the contacts associated with it, and
 * the roll-up that takes each criterion's best evidence from them (SCORING.md §6, issue 14).
 */
import type { CriterionResult, DealRecord, LeadResult, RawProperties } from '../engine';
import type { QualifyingTarget } from './qualifyingTarget';

export type CommitteeObject = 'deal' | 'company';

/** One contact of a committee, with the properties the model reads and its name. */
export interface CommitteeMember {
  id: string;
  contact: RawProperties;
  /** The contact's own deals, for its own score; by default a deal committee's deal, a company's none. */
  deals?: DealRecord[];
}

/** What a roll-up reads: the record, its contacts, and (for a company) its deals. */
export interface CommitteeInput {
  object: CommitteeObject;
  id: string;
  /**
   * For a deal: the deal itself (its properties feed the criteria even once it is closed, so a
   * backtest can score it). For a company: its deals; only the open ones count.
   */
  deals: DealRecord[];
  /** The company whose properties feed company sources: the company itself, or the deal's company. */
  company?: { id: string; properties: RawProperties } | null;
  members: CommitteeMember[];
}

/** Whose evidence a criterion took: a contact's answer, a deal's property, or the company's. */
export type EvidenceOwner =
  | { kind: 'contact'; id: string; name: string }
  | { kind: 'deal'; id: string; name: string | null }
  | { kind: 'company'; id: string; name: string | null };

export interface CommitteeCriterionResult extends CriterionResult {
  /** Whose answer or property the points come from; null when no one's evidence is usable. */
  from: EvidenceOwner | null;
}

/**
 * Something the committee lacks, as an action: no usable answer yet, the best answer below what
 * qualifies, or an answer that cannot be read (listed even when another answer is used). Gaps are
 * data, worded by the card in the rep's language (`describeGap` words them in English).
 * `target` is the lowest answer that meets the committee's gate (Director, 50,000), when the rule
 * has one; `role` marks the criterion that names a contact's role (Authority by default).
 */
export type CommitteeGap =
  | { kind: 'missing'; criterion: string; role: boolean; target: QualifyingTarget | null }
  | { kind: 'below'; criterion: string; role: boolean; target: QualifyingTarget | null; value: string; display: string | null; from: EvidenceOwner }
  | { kind: 'invalid'; criterion: string; value: string; reason: string; from: EvidenceOwner };

/** One row of the committee table: who, their role, their own score and what they are missing. */
export interface MemberSummary {
  id: string;
  name: string;
  /** HubSpot's job title, when set. */
  title: string | null;
  /** Their answer to the model's role criterion (`director`, shown as "Director"), when usable. */
  role: { value: string; display: string | null } | null;
  /** Their own score, as the contact card shows it for this deal. */
  result: LeadResult;
  /** The criteria their own answers do not meet yet, in model order. */
  missing: string[];
}

/** A deal's or company's BANT from its committee: a LeadResult plus whose evidence, the members and the gaps. */
export interface CommitteeResult extends LeadResult {
  object: CommitteeObject;
  id: string;
  committeeSize: number;
  criteria: CommitteeCriterionResult[];
  members: MemberSummary[];
  gaps: CommitteeGap[];
}
