import { englishText } from '../engine';
import type { Model } from '../engine';
import type { QualifyingTarget } from './qualifyingTarget';
import { targetOption } from './targetOption';
import type { CommitteeGap, EvidenceOwner } from './types';

/**
 * A gap as an action in plain English, for the command line and the demo (the card words gaps
 * through its message catalogs).
 * @example describeGap(model, { kind: 'missing', criterion: 'authority', role: true, target: { kind: 'option', value: 'director' } }) // "No one at Director level or above yet"
 */
export function describeGap(model: Model, gap: CommitteeGap): string {
  const criterion = model.criteria.find((c) => c.key === gap.criterion);
  const label = criterion ? englishText(criterion.label) : gap.criterion;
  if (gap.kind === 'invalid') return `Fix ${possessive(gap.from)} ${label} answer "${gap.value}": ${gap.reason}`;
  const target = gap.target ? describeTarget(model, gap.criterion, gap.target) : null;
  if (gap.role && gap.target?.kind === 'option') return `No one at ${target} level or above yet`;
  if (gap.kind === 'missing') return `Ask about ${label}: no one has answered yet${target ? ` (${target} qualifies)` : ''}`;
  return `${label} is below what qualifies${target ? ` (${target})` : ''}: the best so far is ${gap.display ?? gap.value}, from ${owner(gap.from)}`;
}

/** A qualifying answer in words: an option's label, a grouped number, "within 6 months", Yes or No. */
export function describeTarget(model: Model, criterionKey: string, target: QualifyingTarget): string {
  switch (target.kind) {
    case 'option': {
      const option = targetOption(model, criterionKey, target.value);
      return option ? englishText(option.label) : target.value;
    }
    case 'number':
      return `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(target.value)}${target.unit === 'percent' ? ' %' : ''}`;
    case 'months':
      return `within ${target.value} months`;
    case 'boolean':
      return target.value ? 'Yes' : 'No';
  }
}

function owner(from: EvidenceOwner): string {
  if (from.kind === 'contact') return from.name;
  return `${from.kind} ${from.name ? `"${from.name}"` : from.id}`;
}

function possessive(from: EvidenceOwner): string {
  const name = owner(from);
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}
