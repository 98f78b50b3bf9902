/**
 * The model in words on the settings page, in the user's language: the grades with their score
 * ranges and the routing rules as sentences. Pure; texts come from the settings catalogs.
 */
import type { Model, RoutingRule } from '@bant/engine';
import type { SettingsLanguage } from '../hooks/useSettingsLanguage';

/** Grades with the score range each covers, highest first. */
export function gradeRows(model: Pick<Model, 'grades' | 'criteria'>, language: SettingsLanguage): Array<{ grade: string; scores: string; meaning: string }> {
  const { t, text } = language;
  const max = model.criteria.reduce((sum, c) => sum + c.max, 0);
  const sorted = [...model.grades].sort((a, b) => b.min - a.min);
  return sorted.map((g, i) => ({
    grade: g.grade,
    scores: i === 0 ? t('grades.top', { from: g.min, max }) : t('grades.range', { from: g.min, to: sorted[i - 1]!.min }),
    meaning: g.label ? text(g.label) : '',
  }));
}

/** Each routing rule as a sentence: "If qualified: Send to sales now." … "Otherwise: …". */
export function routingLines(model: Pick<Model, 'routing' | 'actions' | 'criteria'>, language: SettingsLanguage): string[] {
  const { t, text, format } = language;
  const action = (key: string) => {
    const found = model.actions.find((a) => a.key === key);
    return found ? text(found.label) : key;
  };
  const label = (key: string) => {
    const found = model.criteria.find((c) => c.key === key);
    return found ? text(found.label) : key;
  };
  return model.routing.map((rule: RoutingRule) => {
    const parts: string[] = [];
    if (rule.when?.qualified !== undefined) parts.push(t(rule.when.qualified ? 'routing.qualified' : 'routing.notQualified'));
    if (rule.when?.grades) parts.push(t('routing.grades', { grades: format.list(rule.when.grades, 'disjunction') }));
    if (rule.when?.failing) parts.push(t('routing.failing', { criteria: format.list(rule.when.failing.map(label), 'disjunction') }));
    if (rule.when?.stale !== undefined) parts.push(t(rule.when.stale ? 'routing.stale' : 'routing.notStale'));
    return parts.length === 0 ? t('routing.otherwise', { action: action(rule.action) }) : t('routing.if', { conditions: format.list(parts), action: action(rule.action) });
  });
}
