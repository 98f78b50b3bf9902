import { scoreValue } from '../engine';
import type { Model, Rule } from '../engine';
import { resolveText } from '../i18n';
import type { ChangeSource, HistoryItem, ScoreCause } from './types';

export interface DescribeOptions {
  /** A user's name by HubSpot user id, or null when unknown (the id is shown then). */
  userName: (userId: string) => string | null;
  /** How a moment is written, e.g. "2026-11-03 14:00 UTC". */
  formatTime: (iso: string) => string;
  /** Anchors date windows when a value is displayed; values are shown, never scored. */
  now: Date;
}

/**
 * One change in English words, the way the command line prints it: "Budget 40,000 → 150,000 by
 * Dana Reyes, 2026-11-03 14:00 UTC (BANT card)". The card phrases the same items through its
 * message catalogs.
 * @example describeChange(model, { kind: 'model', at: '2026-11-05T08:00:00Z', from: 'bant-default@2', to: 'bant-default@3' }, options)
 * // 'Scored with model bant-default@3 (was bant-default@2), 2026-11-05 08:00 UTC'
 */
export function describeChange(model: Model, item: HistoryItem, options: DescribeOptions): string {
  const when = options.formatTime(item.at);
  const label = (key: string) => {
    const criterion = model.criteria.find((candidate) => candidate.key === key);
    return criterion ? resolveText(criterion.label, 'en') : key;
  };
  const show = (key: string, property: string, value: string | null) => displayValue(model, key, 'contact', property, value, options.now);
  switch (item.kind) {
    case 'answer': {
      const change = item.from === null
        ? `set to ${show(item.criterion, item.property, item.to)}`
        : item.to === null
          ? `cleared (was ${show(item.criterion, item.property, item.from)})`
          : `${show(item.criterion, item.property, item.from)} → ${show(item.criterion, item.property, item.to)}`;
      return `${label(item.criterion)} ${change}${byWhom(item.source, options)}, ${when} (${via(item.source)})`;
    }
    case 'confirmed':
      return `${label(item.criterion)} confirmed still true${item.value === null ? '' : ` (${show(item.criterion, answerProperty(model, item.criterion), item.value)})`}${byWhom(item.source, options)}, ${when} (${via(item.source)})`;
    case 'score': {
      const change = item.from === null ? `Score set to ${item.to}` : `Score ${item.from} → ${item.to}`;
      const verdict = item.qualified ? (item.qualified.to ? '; now qualified' : item.qualified.from ? '; no longer qualified' : '; not qualified') : '';
      const why = item.causes.length > 0 ? ` ${causes(model, item.causes, label, options.now)}` : '';
      return `${change}${why}${verdict}, ${when} (${via(item.source)})`;
    }
    case 'model':
      return `Scored with model ${item.to}${item.from ? ` (was ${item.from})` : ''}, ${when}`;
    case 'override': {
      const author = item.by ? ` by ${personName(item.by, options)}` : byWhom(item.source, options);
      if (item.verdict === null) return `Override removed${author}, ${when} (${via(item.source)})`;
      const until = item.until ? `, until ${item.until.slice(0, 10)}` : '';
      const reason = item.reason ? `: "${item.reason}"` : '';
      return `Overridden to ${item.verdict === 'qualified' ? 'Qualified' : 'Not qualified'}${author}${reason}${until}, ${when} (${via(item.source)})`;
    }
  }
}

function causes(model: Model, list: ScoreCause[], label: (key: string) => string, now: Date): string {
  const parts = list.map((cause) => {
    switch (cause.kind) {
      case 'answer':
        return `${label(cause.criterion)} changed`;
      case 'deal': {
        const deal = cause.dealName ? `deal "${cause.dealName}"` : `deal ${cause.dealId}`;
        if (cause.property === 'hs_is_closed') return `${deal} ${cause.to === 'true' ? 'was closed' : 'was reopened'}`;
        const criterion = model.criteria.find((c) => c.sources.some((s) => s.object === 'deal' && s.property === cause.property));
        const show = (value: string | null) => (criterion ? displayValue(model, criterion.key, 'deal', cause.property, value, now) : value ?? 'empty');
        return `${deal} ${cause.property} changed (${show(cause.from)} → ${show(cause.to)})`;
      }
      case 'company':
        return `company ${cause.property} changed`;
      case 'model':
        return `model ${cause.version}`;
      case 'unrecorded':
        return 'no answer or deal field changed (time moved a date window, or a deal was linked or unlinked)';
    }
  });
  return `after ${parts.join(', ')}`;
}

/** The words for where a change came from. */
export function via(source: ChangeSource): string {
  switch (source.via) {
    case 'card':
      return 'BANT card';
    case 'suggestion':
      return 'suggestion from activities';
    case 'recalculation':
      return 'recalculation';
    case 'record':
      return 'HubSpot record';
    case 'import':
      return 'import';
    case 'workflow':
      return source.label ? `workflow "${source.label}"` : 'workflow';
    case 'integration':
      return source.label ?? 'another integration';
    case 'other':
      return source.sourceType.toLowerCase().replace(/_/g, ' ');
  }
}

function byWhom(source: ChangeSource, options: DescribeOptions): string {
  const userId = 'userId' in source ? source.userId : null;
  return userId ? ` by ${personName(userId, options)}` : '';
}

function personName(userId: string, options: DescribeOptions): string {
  return options.userName(userId) ?? `user ${userId}`;
}

function answerProperty(model: Model, key: string): string {
  const criterion = model.criteria.find((c) => c.key === key);
  return criterion?.sources.find((s) => s.object === 'contact')?.property ?? '';
}

/** A raw value as the model shows it ("Manager", "150,000"), or the raw value when its rule cannot read it. */
function displayValue(model: Model, key: string, object: 'contact' | 'deal', property: string, raw: string | null, now: Date): string {
  if (raw === null) return 'empty';
  const criterion = model.criteria.find((c) => c.key === key);
  const source = criterion?.sources.find((s) => s.object === object && s.property === property);
  const rule: Rule | undefined = source?.rule ?? criterion?.rule;
  if (!criterion || !rule) return raw;
  const scored = scoreValue(rule, raw, criterion.max, now);
  return scored.ok ? scored.display : raw;
}
