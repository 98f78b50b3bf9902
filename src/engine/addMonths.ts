/**
 * Adds calendar months in UTC, keeping the day of the month and clamping to the month's last day.
 * @example addMonths(new Date('2026-11-30T09:00:00Z'), 3) // 2027-02-28T09:00:00Z
 */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return result;
}
