import { englishText, formatNumber, parseDate, scoreLead, scoreValue, summarizeCriteria } from '../engine';
import type { Criterion, CriterionResult, DealRecord, LeadRecord, Model, RawProperties, Rollup } from '../engine';
import { memberName } from './memberName';
import { qualifyingTarget } from './qualifyingTarget';
import type { CommitteeCriterionResult, CommitteeGap, CommitteeInput, CommitteeResult, EvidenceOwner, MemberSummary } from './types';

/** A criterion without a `rollup` takes the record's own evidence first, then the highest answer. */
export const DEFAULT_ROLLUP: Rollup = { prefer: 'records', pick: 'highest' };

/** One piece of evidence for one criterion: a contact's answer, or a deal's or the company's property, as the engine scored it. */
interface Evidence {
  from: EvidenceOwner;
  scored: CriterionResult;
  /** For `soonest`: a date's time, or an option's place in its rule (earlier is sooner). */
  when: { time: number } | { rank: number } | null;
}

/**
 * A deal's or company's BANT from its buying committee. Each criterion takes its best evidence by
 * the rule the model states (`criterion.rollup`): the record's own properties (the criterion's deal
 * and company sources) or the contacts' answers first, then the answer with the most points
 * (`highest`) or, among equal points, the soonest (`soonest`), naming whose it is. An answer that
 * cannot be read is skipped and listed as a gap, never hiding another's valid answer. Every piece
 * of evidence is scored by the engine itself (`scoreLead`), so a criterion earns on a committee
 * exactly what it earns on a contact; the committee's gate may be stricter (`rollup.minimum`).
 * Pure: `now` is an input.
 * @example rollupCommittee(model, { object: 'deal', id: '9', deals: [deal], members }, now).criteria[1].from // { kind: 'contact', name: 'Maria Chen', ... }
 */
export function rollupCommittee(model: Model, input: CommitteeInput, now: Date): CommitteeResult {
  const records = recordEvidence(model, input, now);
  const members = input.members.map((member) => ({
    member,
    name: memberName(member.id, member.contact),
    scored: scoreLead(model, { contact: member.contact }, now).criteria,
  }));
  const gaps: CommitteeGap[] = [];
  const roleKey = model.committee?.roleCriterion;

  const criteria = model.criteria.map((criterion, c): CommitteeCriterionResult => {
    const fromMembers: Evidence[] = members.flatMap(({ member, name, scored }) => {
      const result = scored[c] as CriterionResult;
      return result.source?.object === 'contact' ? [evidence(criterion, { kind: 'contact', id: member.id, name }, result)] : [];
    });
    const fromRecords = records.map((scored) => scored[c]).filter((e): e is Evidence => e !== undefined);
    const rollup = criterion.rollup ?? DEFAULT_ROLLUP;
    const minimum = rollup.minimum ?? criterion.minimum;
    const role = criterion.key === roleKey;

    for (const bad of [...fromRecords, ...fromMembers].filter((e) => e.scored.status === 'invalid')) {
      gaps.push({ kind: 'invalid', criterion: criterion.key, value: bad.scored.value ?? '', reason: bad.scored.reason, from: bad.from });
    }
    const usable = (list: Evidence[]) => list.filter((e) => e.scored.status === 'met' || e.scored.status === 'below');
    const groups = rollup.prefer === 'records' ? [usable(fromRecords), usable(fromMembers)] : [usable(fromMembers), usable(fromRecords)];
    const winner = pick(groups.find((group) => group.length > 0) ?? [], rollup.pick);
    // Answer ages are a contact's own (SCORING.md §6): a committee's criterion is never stale.
    const base = { key: criterion.key, label: englishText(criterion.label), max: criterion.max, minimum, answeredAt: null, stale: false };
    const target = qualifyingTarget(criterion.rule, minimum);

    if (!winner) {
      const invalid = [...fromRecords, ...fromMembers].filter((e) => e.scored.status === 'invalid');
      if (invalid.length === 0) gaps.push({ kind: 'missing', criterion: criterion.key, role, target });
      const first = invalid[0];
      return first
        ? { ...base, points: 0, status: 'invalid', value: first.scored.value, display: null, source: first.scored.source, from: null, reason: `no answer can be read (${invalid.map((e) => `${ownerPhrase(e.from)}: ${e.scored.reason}`).join('; ')})`, explanation: first.scored.explanation }
        : { ...base, points: 0, status: 'unknown', value: null, display: null, source: null, from: null, reason: `no one has answered yet (${members.length === 1 ? '1 contact' : `${members.length} contacts`})`, explanation: { code: 'no_value', looked: criterion.sources.map(({ object, property }) => ({ object, property })) } };
    }
    const met = winner.scored.points >= minimum;
    if (!met) {
      gaps.push({ kind: 'below', criterion: criterion.key, role, target, value: winner.scored.value ?? '', display: winner.scored.display, from: winner.from });
    }
    const gate = met ? '' : `, below the committee's minimum of ${formatNumber(minimum)}`;
    return {
      ...base,
      points: winner.scored.points,
      status: met ? 'met' : 'below',
      value: winner.scored.value,
      display: winner.scored.display,
      source: winner.scored.source,
      from: winner.from,
      reason: `${plainReason(criterion, winner.scored, now)}${gate} (from ${ownerPhrase(winner.from)})`,
      explanation: winner.scored.explanation,
    };
  });

  const summaries = memberSummaries(model, input, members.map(({ member, name, scored }) => ({ member, name, role: roleKey ? scored.find((r) => r.key === roleKey) : undefined })), now);
  const deal = input.object === 'deal' ? input.deals[0] : undefined;
  return {
    modelId: model.id,
    modelVersion: model.version,
    ...summarizeCriteria(model, criteria),
    criteria,
    deal: deal ? { id: deal.id, name: nonEmpty(deal.properties.dealname) } : null,
    object: input.object,
    id: input.id,
    committeeSize: input.members.length,
    members: summaries,
    gaps,
  };
}

/**
 * The record's own evidence, per criterion index: the engine scores a lead with no contact answers,
 * so only deal and company sources speak, in the model's order. A deal committee's deal counts even
 * when closed; a company counts each of its open deals.
 */
function recordEvidence(model: Model, input: CommitteeInput, now: Date): Array<Array<Evidence | undefined>> {
  const company = input.company ?? null;
  const deals = input.object === 'deal'
    ? input.deals.slice(0, 1).map((deal) => ({ ...deal, properties: { ...deal.properties, hs_is_closed: 'false' } }))
    : input.deals.filter((deal) => (deal.properties.hs_is_closed ?? '').trim().toLowerCase() !== 'true');
  const records: LeadRecord[] = deals.length > 0
    ? deals.map((deal) => ({ contact: {}, deals: [deal], ...(company ? { company: company.properties } : {}) }))
    : company ? [{ contact: {}, company: company.properties }] : [];
  const seenCompany = new Set<number>();
  return records.map((record) => scoreLead(model, record, now).criteria.map((scored, c) => {
    const criterion = model.criteria[c] as Criterion;
    if (scored.source?.object === 'deal') {
      return evidence(criterion, { kind: 'deal', id: scored.source.dealId ?? '', name: scored.source.dealName ?? null }, scored);
    }
    if (scored.source?.object === 'company' && company && !seenCompany.has(c)) {
      seenCompany.add(c);
      return evidence(criterion, { kind: 'company', id: company.id, name: nonEmpty(company.properties.name) }, scored);
    }
    return undefined;
  }));
}

function evidence(criterion: Criterion, from: EvidenceOwner, scored: CriterionResult): Evidence {
  return { from, scored, when: whenOf(criterion, scored) };
}

/** The answer with the most points; among equals, the first, or with `soonest` the earliest. */
function pick(candidates: Evidence[], rule: Rollup['pick']): Evidence | undefined {
  let best: Evidence | undefined;
  for (const candidate of candidates) {
    if (!best || candidate.scored.points > best.scored.points) best = candidate;
    else if (rule === 'soonest' && candidate.scored.points === best.scored.points && sooner(candidate, best)) best = candidate;
  }
  return best;
}

function sooner(a: Evidence, b: Evidence): boolean {
  if (a.when && b.when && 'time' in a.when && 'time' in b.when) return a.when.time < b.when.time;
  if (a.when && b.when && 'rank' in a.when && 'rank' in b.when) return a.when.rank < b.when.rank;
  return false;
}

function whenOf(criterion: Criterion, scored: CriterionResult): Evidence['when'] {
  const rule = ruleOf(criterion, scored);
  if (!rule || scored.value === null) return null;
  if (rule.type === 'date_window') {
    const date = parseDate(scored.value);
    return date.ok ? { time: date.value.getTime() } : null;
  }
  if (rule.type === 'options' || rule.type === 'likert') {
    const rank = (rule.type === 'options' ? rule.options : rule.levels).findIndex((o) => o.value === scored.value?.trim());
    return rank >= 0 ? { rank } : null;
  }
  return null;
}

function ruleOf(criterion: Criterion, scored: CriterionResult) {
  const source = criterion.sources.find((s) => s.object === scored.source?.object && s.property === scored.source?.property);
  return source ? source.rule ?? criterion.rule : undefined;
}

/** The engine's words for the winning value, without its gate or its source (the committee states both). */
function plainReason(criterion: Criterion, scored: CriterionResult, now: Date): string {
  const rule = ruleOf(criterion, scored);
  const again = rule && scored.value !== null ? scoreValue(rule, scored.value, criterion.max, now) : null;
  return again?.ok ? again.reason : scored.reason;
}

function ownerPhrase(from: EvidenceOwner): string {
  if (from.kind === 'contact') return from.name;
  if (from.kind === 'deal') return `deal ${from.name ? `"${from.name}"` : from.id}`;
  return `company ${from.name ? `"${from.name}"` : from.id}`;
}

/** Each contact's own score on this record (its deals and company), its role and what it lacks. */
function memberSummaries(
  model: Model,
  input: CommitteeInput,
  members: Array<{ member: CommitteeInput['members'][number]; name: string; role: CriterionResult | undefined }>,
  now: Date,
): MemberSummary[] {
  const company: RawProperties | undefined = input.company?.properties;
  const rows = members.map(({ member, name, role }) => {
    const deals: DealRecord[] = member.deals ?? (input.object === 'deal' ? input.deals.slice(0, 1) : []);
    const result = scoreLead(model, { contact: member.contact, deals, ...(company ? { company } : {}) }, now);
    const usableRole = role && (role.status === 'met' || role.status === 'below') && role.value !== null ? role : null;
    return {
      row: {
        id: member.id,
        name,
        title: nonEmpty(member.contact.jobtitle),
        role: usableRole ? { value: usableRole.value as string, display: usableRole.display } : null,
        result,
        missing: result.failedCriteria,
      },
      rolePoints: usableRole?.points ?? -1,
    };
  });
  // The most senior first, then the best-qualified; the input's order breaks ties.
  return rows
    .map((entry, index) => ({ ...entry, index }))
    .sort((a, b) => b.rolePoints - a.rolePoints || b.row.result.score - a.row.result.score || a.index - b.index)
    .map(({ row }) => row);
}

function nonEmpty(raw: string | null | undefined): string | null {
  return raw === null || raw === undefined || raw.trim() === '' ? null : raw.trim();
}
