import type { Model } from '../engine';
import { resolveText } from '../i18n';
import { ANSWERED_BY, answeredAt, OVERRIDE, OVERRIDE_BY, OVERRIDE_REASON, OVERRIDE_UNTIL, STALE_CRITERIA, VERDICT } from '../engine';
import type { PropertyShape } from './propertyShape';

/** A property of SCORING.md §6 the app creates: who answered when, the override, the effective verdict, stale answers. */
export interface TrustProperty {
  name: string;
  /** `derived`: written by the app (events about it are ignored); `override`: written by the card for the rep. */
  role: 'derived' | 'override';
  /**
   * Where `bant check` says it is needed: `stamps` for who answered when (the card and recalculation
   * write them, never the rescore), `verdict` for the effective verdict and stale criteria.
   */
  path: 'verdict' | 'stamps' | 'override';
  label: string;
  meaning: string;
  shape: PropertyShape;
}

const TEXT: PropertyShape = { type: 'string', fieldType: 'text', accepts: ['string'], describe: 'a single-line text property' };
const DATETIME: PropertyShape = { type: 'datetime', fieldType: 'date', accepts: ['datetime'], describe: 'a date-time property' };
const VERDICTS = [{ value: 'qualified', label: 'Qualified' }, { value: 'not_qualified', label: 'Not qualified' }];

/**
 * The answer stamps, the override and the effective verdict and stale criteria (SCORING.md §6),
 * as `bant setup` creates them after the outputs of §4.
 * @example trustProperties(bantDefault).map((p) => p.name)[0] // 'bant_answered_by'
 */
export function trustProperties(model: Model): TrustProperty[] {
  const prefix = model.framework;
  // HubSpot property labels are one text: the model's English.
  const en = (text: Model['criteria'][number]['label']) => resolveText(text, 'en');
  return [
    {
      name: ANSWERED_BY, role: 'derived', path: 'stamps', label: `${prefix} answered by`, shape: TEXT,
      meaning: 'HubSpot user id of the last rep who saved or re-confirmed answers on the BANT card ("app" for an answer the app filled from a suggestion).',
    },
    ...model.criteria.map((criterion): TrustProperty => ({
      name: answeredAt(criterion), role: 'derived', path: 'stamps', label: `${prefix} ${en(criterion.label).toLowerCase()} answered at`, shape: DATETIME,
      meaning: `When the ${en(criterion.label)} answer was last saved or confirmed still true on the card, or changed elsewhere.`,
    })),
    {
      name: VERDICT, role: 'derived', path: 'verdict', label: `${prefix} verdict`,
      meaning: 'The verdict that counts: the override while one applies, else the computed verdict (BANT qualified).',
      shape: { type: 'enumeration', fieldType: 'select', accepts: ['enumeration'], describe: 'a single-choice enumeration (select or radio)', values: 'one', options: VERDICTS },
    },
    {
      name: STALE_CRITERIA, role: 'derived', path: 'verdict', label: `${prefix} stale criteria`,
      meaning: 'The criteria whose answer is older than the model allows, for re-qualification tasks.',
      shape: {
        type: 'enumeration', fieldType: 'checkbox', accepts: ['enumeration'], describe: 'a multiple-checkbox enumeration', values: 'several',
        options: model.criteria.map((c) => ({ value: c.key, label: en(c.label) })), optionsPath: 'criteria',
      },
    },
    {
      name: OVERRIDE, role: 'override', path: 'override', label: `${prefix} override`,
      meaning: 'A verdict set by hand on the card, with a reason; empty when the model decides.',
      shape: { type: 'enumeration', fieldType: 'select', accepts: ['enumeration'], describe: 'a single-choice enumeration (select or radio)', values: 'one', options: VERDICTS },
    },
    {
      name: OVERRIDE_REASON, role: 'override', path: 'override', label: `${prefix} override reason`, meaning: 'Why the verdict was set by hand.',
      shape: { type: 'string', fieldType: 'textarea', accepts: ['string'], describe: 'a text property' },
    },
    { name: OVERRIDE_BY, role: 'override', path: 'override', label: `${prefix} override by`, meaning: 'HubSpot user id of who set the override.', shape: TEXT },
    {
      name: OVERRIDE_UNTIL, role: 'override', path: 'override', label: `${prefix} override until`, meaning: 'The last day the override applies; empty for no end.',
      shape: { type: 'date', fieldType: 'date', accepts: ['date', 'datetime'], describe: 'a date property' },
    },
  ];
}
