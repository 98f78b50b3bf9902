import type { Rule } from '../engine';

/** The lowest answer that meets a gate, as data: the card words it in the rep's language. */
export type QualifyingTarget =
  | { kind: 'option'; value: string }
  | { kind: 'number'; value: number; unit: 'currency' | 'number' | 'percent' }
  | { kind: 'months'; value: number }
  | { kind: 'boolean'; value: boolean };

/**
 * The lowest answer a rule accepts at `minimum` points: the option with the fewest points that
 * still reaches it ("director"), the lowest band's start (50,000), the farthest date window
 * (within 6 months) or the yes/no that earns it. Null when no single answer says it (options
 * summed) or no answer reaches the minimum.
 * @example qualifyingTarget(authorityRule, 20) // { kind: 'option', value: 'director' }
 */
export function qualifyingTarget(rule: Rule, minimum: number): QualifyingTarget | null {
  switch (rule.type) {
    case 'options':
    case 'likert': {
      const options = rule.type === 'options' ? rule.options : rule.levels;
      const enough = options.filter((o) => o.points >= minimum).sort((a, b) => a.points - b.points);
      return enough[0] ? { kind: 'option', value: enough[0].value } : null;
    }
    case 'bands':
    case 'coverage': {
      const from = Math.min(...rule.bands.filter((b) => b.points >= minimum).map((b) => b.from));
      if (!Number.isFinite(from)) return null;
      return { kind: 'number', value: from, unit: rule.type === 'coverage' ? 'percent' : rule.unit ?? 'number' };
    }
    case 'date_window': {
      if (rule.later >= minimum) return null;
      const months = Math.max(...rule.windows.filter((w) => w.points >= minimum).map((w) => w.withinMonths));
      return Number.isFinite(months) ? { kind: 'months', value: months } : null;
    }
    case 'boolean':
      return rule.whenTrue >= minimum ? { kind: 'boolean', value: true } : rule.whenFalse >= minimum ? { kind: 'boolean', value: false } : null;
    case 'multi':
      return null;
  }
}
