/**
 * Groups the whole part of a plain decimal by thousands with commas. Locale-independent.
 * @example groupDigits('-1234567.891') // "-1,234,567.891"
 */
export function groupDigits(decimal: string): string {
  const sign = decimal.startsWith('-') ? '-' : '';
  const [whole = '0', fraction] = decimal.slice(sign.length).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction ? `.${fraction}` : ''}`;
}
