import type { CrmObject, Model, Rule } from '@bant/engine';

/** One number RevOps can edit: where it sits in the model (a problem's path) and what it is. */
export interface PointField {
  /** e.g. ['criteria', 0, 'rule', 'bands', 0, 'points']. */
  path: Array<string | number>;
  /** The band, option or window it scores, in words ("≥ 100,000", "Manager", "within 3 months"). */
  label: string;
  value: number;
}

/** The model path as validation problems write it: `criteria[0].rule.bands[0].points`. */
export function pathText(path: ReadonlyArray<string | number>): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i > 0 ? '.' : ''}${part}`)).join('');
}

/**
 * Every points value of a rule, with the path a validation problem names and a label in words.
 * @example pointFields(bandsRule, ['criteria', 0, 'rule'], text, format)[0] // { path: [..., 'bands', 0, 'points'], label: '≥ 100,000', value: 30 }
 */
export function pointFields(rule: Rule, base: Array<string | number>, text: (t: unknown) => string, number: (n: number) => string, words: { yes: string; no: string; within: (months: number) => string; later: string }): PointField[] {
  switch (rule.type) {
    case 'bands':
      return rule.bands.map((band, i) => ({ path: [...base, 'bands', i, 'points'], label: `≥ ${number(band.from)}`, value: band.points }));
    case 'coverage':
      return rule.bands.map((band, i) => ({ path: [...base, 'bands', i, 'points'], label: `≥ ${number(band.from)}`, value: band.points }));
    case 'options':
    case 'multi':
      return rule.options.map((option, i) => ({ path: [...base, 'options', i, 'points'], label: text(option.label), value: option.points }));
    case 'likert':
      return rule.levels.map((level, i) => ({ path: [...base, 'levels', i, 'points'], label: text(level.label), value: level.points }));
    case 'date_window':
      return [
        ...rule.windows.map((window, i) => ({ path: [...base, 'windows', i, 'points'], label: words.within(window.withinMonths), value: window.points })),
        { path: [...base, 'later'], label: words.later, value: rule.later },
      ];
    case 'boolean':
      return [{ path: [...base, 'whenTrue'], label: words.yes, value: rule.whenTrue }, { path: [...base, 'whenFalse'], label: words.no, value: rule.whenFalse }];
  }
}

/** HubSpot property types that fit a rule: numbers for bands, options for choices, dates for windows. */
export function fittingTypes(rule: Rule): string[] {
  switch (rule.type) {
    case 'bands':
      return ['number'];
    case 'date_window':
      return ['date', 'datetime'];
    case 'boolean':
      return ['bool', 'enumeration'];
    default:
      return ['enumeration'];
  }
}

/**
 * The portal's properties a source may read: on its object, of a type that fits its rule (the
 * source's own rule, else the criterion's); the current one is always listed.
 */
export function sourceChoices(
  model: Model,
  criterion: number,
  source: number,
  properties: Record<CrmObject, Array<{ name: string; label: string; type: string }>>,
): Array<{ value: string; label: string }> {
  const c = model.criteria[criterion];
  const s = c?.sources[source];
  if (!c || !s) return [];
  const types = fittingTypes(s.rule ?? c.rule);
  const choices = properties[s.object].filter((p) => types.includes(p.type)).map((p) => ({ value: p.name, label: `${p.label} (${p.name})` }));
  return choices.some((choice) => choice.value === s.property) ? choices : [{ value: s.property, label: s.property }, ...choices];
}
