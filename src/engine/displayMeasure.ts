import { formatNumber } from './formatNumber';
import { groupDigits } from './groupDigits';
import type { Measure } from './types';

/**
 * What a measured value looks like to a person: "120,000", "12.5 %", "3 of 4 (75 %)". A number
 * that floating point cannot hold exactly ("12345678901234567890", "0.1234567891") is shown with
 * the digits as entered, never as floating-point noise.
 * @example displayMeasure({ kind: 'number', raw: '12345678901234567890', value: 12345678901234567000 }) // "12,345,678,901,234,567,890"
 */
export function displayMeasure(measure: Measure): string {
  if (measure.kind === 'coverage') return `${measure.covered} of ${measure.total} (${formatNumber(measure.percent)} %)`;
  const decimal = asEntered(measure.raw, measure.value);
  return measure.unit === 'percent' ? `${decimal} %` : groupDigits(decimal);
}

const PLAIN_DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** The decimal to show for a raw number: the canonical form of its value, unless that differs from what was entered. */
function asEntered(raw: string, value: number): string {
  const canonical = formatNumber(value);
  const text = raw.trim();
  const plain = PLAIN_DECIMAL.exec(text);
  if (!plain) return Number(canonical) === value ? canonical : text; // exponent notation: as entered when rounding would change it
  const [, sign = '', whole = '', fraction = ''] = plain;
  const digits = whole.replace(/^0+(?=\d)/, '') || '0';
  const decimals = fraction.replace(/0+$/, '');
  const entered = `${sign === '-' && /[1-9]/.test(digits + decimals) ? '-' : ''}${digits}${decimals ? `.${decimals}` : ''}`;
  return entered === canonical ? canonical : entered;
}
