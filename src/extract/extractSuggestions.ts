import { classifyTitle } from './classifyTitle';
import { findBudget } from './findBudget';
import { findNeed } from './findNeed';
import { findRole } from './findRole';
import { findTimeline } from './findTimeline';
import { segments, statements } from './segments';
import { suggestionKey } from './suggestionKey';
import { suggestionFacts } from './suggestionFacts';
import { toRawValue } from './toRawValue';
import type { ActivityText, ExtractInput, Fact, FactType, Finding, Suggestion, SuggestionSource } from './types';

type Sourced = Finding & { source: SuggestionSource };

/**
 * Suggested answers from a contact's activities: at most one per criterion of the model that a
 * fact can feed, each with the raw value for the criterion's first contact property, the exact
 * sentence it came from (or the job title), the activity, and a confidence. The newest activity
 * that states a fact wins; a criterion with nothing to go on is absent. Pure: `now` is an input.
 * @example extractSuggestions({ model, now, texts: [{ id: 'c1', kind: 'call_note', date: '2026-03-10', text: 'budget ~120k approved' }] })
 * // [{ criterion: 'budget', value: '120000', evidence: 'budget ~120k approved', confidence: 0.9, currency: 'USD', ... }]
 */
export function extractSuggestions(input: ExtractInput): Suggestion[] {
  const targets = suggestionFacts(input.model);
  if (targets.length === 0) return [];
  const wanted = new Set<FactType>(targets.map((t) => (t.fact.fact === 'amount' ? 'amount' : t.fact.fact)));
  const facts = findFacts(input, wanted);
  const suggestions: Suggestion[] = [];
  for (const target of targets) {
    const type: FactType = target.fact.fact;
    const finding = facts.get(type);
    if (!finding) continue;
    const value = toRawValue(finding.fact, target, input.now);
    if (value === null || input.dismissed?.has(suggestionKey({ criterion: target.criterion.key, source: finding.source }))) continue;
    suggestions.push({
      criterion: target.criterion.key,
      property: target.source.property,
      value,
      evidence: finding.evidence,
      confidence: finding.confidence,
      ...(finding.fact.type === 'amount' ? { currency: finding.fact.currency } : {}),
      source: finding.source,
      fact: finding.fact,
    });
  }
  return suggestions;
}

/** The one finding per kind of fact: from the newest activity that states it. */
function findFacts(input: ExtractInput, wanted: Set<FactType>): Map<FactType, Sourced> {
  const best = new Map<FactType, Sourced>();
  const texts = [...input.texts].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
  for (const activity of texts) {
    if ([...wanted].every((type) => best.has(type))) break;
    const sentences = statements(segments(activity.text));
    const source: SuggestionSource = { id: activity.id, kind: activity.kind, date: activity.date };
    const pick = (type: FactType, findings: Finding[]) => {
      if (best.has(type) || !wanted.has(type)) return;
      const chosen = choose(type, findings);
      if (chosen) best.set(type, { ...chosen, source });
    };
    if (wanted.has('amount') && !best.has('amount')) pick('amount', findBudget(sentences, input.homeCurrency ?? 'USD'));
    if (wanted.has('role') && !best.has('role')) pick('role', findRole(sentences, activity.kind));
    if (wanted.has('need') && !best.has('need')) pick('need', findNeed(sentences));
    if (wanted.has('timeline') && !best.has('timeline')) pick('timeline', findTimeline(sentences, activityDate(activity)));
  }
  if (wanted.has('role')) {
    const title = input.contactTitle?.trim();
    const level = title ? classifyTitle(title) : null;
    const fromText = best.get('role');
    if (fromText && fromText.fact.type === 'role' && level === fromText.fact.level) fromText.confidence = 0.9;
    if (!fromText && title && level) {
      best.set('role', { fact: { type: 'role', level, title }, evidence: title, start: 0, confidence: 0.8, source: { id: 'jobtitle', kind: 'job_title' } });
    }
  }
  return best;
}

/** The finding a text gives for one kind of fact, or null when it contradicts itself. */
function choose(type: FactType, findings: Finding[]): Finding | null {
  if (findings.length === 0) return null;
  if (type === 'need') return chooseNeed(findings);
  const top = Math.max(...findings.map((f) => f.confidence));
  const strongest = findings.filter((f) => f.confidence === top);
  if (type === 'timeline') {
    // Several purchase dates in one text ("decide by May, live by September"): the decision comes first.
    return strongest.reduce((a, b) => (dateOf(b.fact) < dateOf(a.fact) ? b : a));
  }
  if (type === 'role') {
    const levels = new Set(findings.map((f) => (f.fact.type === 'role' ? f.fact.level : '')));
    if (levels.size > 1) return null;
  }
  // Later statements in a text update earlier ones ("first 50k, now 80k approved").
  return strongest.reduce((a, b) => (b.start > a.start ? b : a));
}

/** Pain and "just browsing" in one text cancel out; pain beside "nice to have" is part of a need. */
function chooseNeed(findings: Finding[]): Finding | null {
  const level = (f: Finding) => (f.fact.type === 'need' ? f.fact.level : null);
  const has = (l: string) => findings.find((f) => level(f) === l);
  const strong = has('strong');
  const none = has('none');
  const nice = has('nice_to_have');
  const partial = has('partial');
  if (strong && none) return null;
  if (partial) return partial;
  if (strong && nice) return { ...strong, fact: { type: 'need', level: 'partial' }, confidence: 0.7 };
  if (strong) return findings.filter((f) => level(f) === 'strong').length > 1 ? { ...strong, confidence: Math.max(strong.confidence, 0.85) } : strong;
  if (none) return none;
  return nice ?? null;
}

function dateOf(fact: Fact): string {
  return fact.type === 'timeline' ? fact.date : '';
}

/** Noon UTC of the activity's day, so the date does not shift in any time zone. */
function activityDate(activity: ActivityText): Date {
  const parsed = new Date(activity.date);
  return new Date(Date.UTC(parsed.getUTCFullYear(), parsed.getUTCMonth(), parsed.getUTCDate(), 12));
}
