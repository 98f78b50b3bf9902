/**
 * Writes a number as HubSpot stores it: plain decimal, no exponent, no trailing zeros.
 * @example formatNumber(62.5) // "62.5"
 */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 1e6) / 1e6;
  if (Object.is(rounded, -0)) return '0';
  if (Math.abs(rounded) >= 1e21) return BigInt(Math.round(rounded)).toString();
  const text = rounded.toString();
  if (!text.includes('e')) return text;
  return rounded.toFixed(6).replace(/\.?0+$/, '');
}
