import type { Model, OptionPoints } from '../engine';

/**
 * The option of a criterion's rule (options, multi-select or Likert levels) that a qualifying
 * target names, so that each wording (English here, the card's catalogs) shows its label.
 * @example targetOption(model, 'authority', 'director')?.value // 'director'
 */
export function targetOption(model: Model, criterionKey: string, value: string): OptionPoints | undefined {
  const rule = model.criteria.find((c) => c.key === criterionKey)?.rule;
  const options = rule?.type === 'options' || rule?.type === 'multi' ? rule.options : rule?.type === 'likert' ? rule.levels : [];
  return options.find((o) => o.value === value);
}
