import { formatNumber } from '../engine';
import type { Band, Criterion, CriterionScore, Rule } from '../engine';
import type { AnswerBucket } from './types';
import { resolveText } from '../i18n';

/**
 * Groups a lead's answer to one criterion for the per-answer win rates: each option of an
 * enumeration on its own ("Manager"), numbers by band ("50,000 to under 100,000"), dates by
 * window ("within 3 months"), anything else by the points it earned. Answers from a later source
 * (a deal's amount when the contact has no budget) are kept apart and named after the source.
 * @example answerBucket(budget, { status: 'unknown', ... }) // { key: 'unknown', label: 'unknown', points: null }
 */
export function answerBucket(criterion: Criterion, result: CriterionScore): AnswerBucket {
  if (result.status === 'unknown' || !result.source) return { key: 'unknown', label: 'unknown', points: null, rank: 0 };
  if (result.status === 'invalid') return { key: 'invalid', label: 'invalid value', points: null, rank: 1 };
  const index = Math.max(0, criterion.sources.findIndex((s) => s.object === result.source?.object && s.property === result.source.property));
  const source = criterion.sources[index];
  const rule = source?.rule ?? criterion.rule;
  const prefix = index === 0 || !source ? '' : `${source.label ? resolveText(source.label, 'en') : `${source.object}.${source.property}`}: `;
  if (rule.type === 'options' || rule.type === 'likert') {
    const options = rule.type === 'options' ? rule.options : rule.levels;
    const position = options.findIndex((o) => o.value === result.value?.trim());
    const option = options[position];
    if (option) return { key: `${index}:${option.value}`, label: `${prefix}${resolveText(option.label, 'en')}`, points: result.points, rank: index * 1000 + position };
  }
  return { key: `${index}:${formatNumber(result.points)}`, label: `${prefix}${describePoints(rule, result.points)}`, points: result.points, rank: index * 1000 };
}

/** What earns `points` under a rule, in words. */
function describePoints(rule: Rule, points: number): string {
  const fallback = `${formatNumber(points)} points`;
  switch (rule.type) {
    case 'bands':
    case 'coverage': {
      const unit = rule.type === 'coverage' || rule.unit === 'percent' ? ' %' : '';
      const ranges = [...rule.bands].sort((a, b) => b.from - a.from).filter((b) => b.points === points).map((b) => bandRange(b, unit));
      return ranges.length > 0 ? ranges.join(' or ') : fallback;
    }
    case 'date_window': {
      const ranges = rule.windows.flatMap((w, i) => {
        if (w.points !== points) return [];
        const previous = rule.windows[i - 1];
        return [previous ? `${previous.withinMonths}–${w.withinMonths} months` : `within ${w.withinMonths} months`];
      });
      if (rule.later === points) ranges.push(`more than ${rule.windows[rule.windows.length - 1]?.withinMonths ?? 0} months`);
      return ranges.length > 0 ? ranges.join(' or ') : fallback;
    }
    case 'boolean':
      return points === rule.whenTrue ? 'yes' : points === rule.whenFalse ? 'no' : fallback;
    default:
      return fallback;
  }
}

function bandRange(band: Band, unit: string): string {
  return band.to === undefined ? `${group(band.from)}${unit} or more` : `${group(band.from)} to under ${group(band.to)}${unit}`;
}

function group(value: number): string {
  const [whole = '0', fraction] = formatNumber(value).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}
