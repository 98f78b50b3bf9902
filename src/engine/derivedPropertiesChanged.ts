import { SCORED_AT } from './derivedPropertyNames';
import { parseNumber } from './parseRaw';
import type { DerivedProperties, RawProperties } from './types';

/**
 * The derived properties whose stored value differs from the new one. `bant_scored_at` alone is
 * never a change, and numbers compare by value ("80" equals "80.0"), so an unchanged result is
 * not written again.
 * @example derivedPropertiesChanged({ bant_score: '80.0' }, { bant_score: '80' }) // []
 */
export function derivedPropertiesChanged(stored: RawProperties, next: DerivedProperties): string[] {
  return Object.keys(next).filter((name) => name !== SCORED_AT && !sameValue(stored[name], next[name]));
}

function sameValue(stored: string | null | undefined, next: string | undefined): boolean {
  const a = (stored ?? '').trim();
  const b = (next ?? '').trim();
  if (a === b) return true;
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (x.ok && y.ok) return x.value === y.value;
  return a.split(';').sort().join(';') === b.split(';').sort().join(';');
}
