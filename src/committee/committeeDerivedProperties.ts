import { COMMITTEE_SIZE, derivedPropertyNames, toDerivedProperties } from '../engine';
import type { DerivedProperties, Model } from '../engine';
import type { CommitteeResult } from './types';

/**
 * The deal or company properties the app writes for a roll-up: the contact's derived properties
 * (SCORING.md §4, same names) plus `bant_committee_size`.
 * @example committeeDerivedProperties(model, result, now).bant_committee_size // "3"
 */
export function committeeDerivedProperties(model: Model, result: CommitteeResult, now: Date): DerivedProperties {
  return { ...toDerivedProperties(model, result, now), [COMMITTEE_SIZE]: String(result.committeeSize) };
}

/**
 * The names of the derived properties on deals and companies, in a stable order.
 * @example committeePropertyNames(model).at(-1) // "bant_committee_size"
 */
export function committeePropertyNames(model: Pick<Model, 'criteria'>): string[] {
  return [...derivedPropertyNames(model), COMMITTEE_SIZE];
}
