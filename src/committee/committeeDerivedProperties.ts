import { COMMITTEE_SIZE, derivedPropertyNames, STALE_CRITERIA, toDerivedProperties, VERDICT } from '../engine';
import type { DerivedProperties, Model } from '../engine';
import type { CommitteeResult } from './types';

/**
 * The deal or company properties the app writes for a roll-up: the contact's derived properties
 * (SCORING.md §4, same names) plus `bant_committee_size`; the verdict and stale criteria of §6 are
 * the contact's alone.
 * @example committeeDerivedProperties(model, result, now).bant_committee_size // "3"
 */
export function committeeDerivedProperties(model: Model, result: CommitteeResult, now: Date): DerivedProperties {
  const { [VERDICT]: _verdict, [STALE_CRITERIA]: _stale, ...outputs } = toDerivedProperties(model, result, now);
  return { ...outputs, [COMMITTEE_SIZE]: String(result.committeeSize) };
}

/**
 * The names of the derived properties on deals and companies, in a stable order.
 * @example committeePropertyNames(model).at(-1) // "bant_committee_size"
 */
export function committeePropertyNames(model: Pick<Model, 'criteria' | 'overrides'>): string[] {
  return [...derivedPropertyNames(model).filter((name) => name !== VERDICT && name !== STALE_CRITERIA), COMMITTEE_SIZE];
}
