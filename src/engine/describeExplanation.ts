import { displayMeasure } from './displayMeasure';
import { formatNumber } from './formatNumber';
import { groupDigits } from './groupDigits';
import type { Explanation } from './types';

/**
 * An explanation in English, as `reason` shows it: "120,000 is in the band 100,000 or more: 30 points".
 * @example describeExplanation({ code: 'not_a_number', raw: 'abc' }) // '"abc" is not a number'
 */
export function describeExplanation(explanation: Explanation): string {
  switch (explanation.code) {
    case 'no_value':
      return `no value yet (looked in ${explanation.looked.map((s) => `${s.object}.${s.property}`).join(', ')})`;
    case 'band': {
      const { measure, from, to, points } = explanation;
      const range = to === undefined ? `${group(from)} or more` : `${group(from)} to under ${group(to)}`;
      return `${displayMeasure(measure)} is in the band ${range}: ${formatNumber(points)} points`;
    }
    case 'below_bands':
      return `${displayMeasure(explanation.measure)} is below the lowest band (${group(explanation.lowest)})`;
    case 'above_bands':
      return `${displayMeasure(explanation.measure)} is above the highest band`;
    case 'option':
      return `${explanation.label}: ${formatNumber(explanation.points)} points`;
    case 'selected': {
      const { values, mode, points, uncapped } = explanation;
      return `${values.length} selected, ${mode}: ${formatNumber(points)} points${uncapped > points ? ` (${formatNumber(uncapped)} capped at the max)` : ''}`;
    }
    case 'date_window':
      return `${explanation.date} is within ${explanation.withinMonths} months: ${formatNumber(explanation.points)} points`;
    case 'date_later':
      return `${explanation.date} is more than ${explanation.months} months away: ${formatNumber(explanation.points)} points`;
    case 'boolean':
      return `${explanation.value ? 'Yes' : 'No'}: ${formatNumber(explanation.points)} points`;
    case 'not_a_number':
      return `"${explanation.raw}" is not a number`;
    case 'not_finite':
      return `"${explanation.raw}" is not a finite number`;
    case 'not_a_date':
      return `"${explanation.raw}" is not a date (expected YYYY-MM-DD, an ISO date-time or epoch milliseconds)`;
    case 'not_a_calendar_date':
      return `"${explanation.raw}" is not a calendar date`;
    case 'not_a_boolean':
      return `"${explanation.raw}" is not a boolean (expected true or false)`;
    case 'unknown_option':
      return `"${explanation.raw}" is not an option the model scores (expected one of ${explanation.expected.join(', ')})`;
    case 'unknown_options': {
      const { values, expected } = explanation;
      return `"${values.join(';')}" ${values.length > 1 ? 'are not options' : 'is not an option'} the model scores (expected some of ${expected.join(', ')})`;
    }
    case 'unknown_items': {
      const { values, expected } = explanation;
      return `"${values.join(';')}" ${values.length > 1 ? 'are not items' : 'is not an item'} of the checklist (expected some of ${expected.join(', ')})`;
    }
  }
}

function group(value: number): string {
  return groupDigits(formatNumber(value));
}
