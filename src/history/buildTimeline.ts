import { derivedPropertyNames } from '../engine';
import type { Model } from '../engine';
import { ANSWERED_BY, answeredAt, answerProperties, OVERRIDE, OVERRIDE_BY, OVERRIDE_PROPERTIES, OVERRIDE_REASON, OVERRIDE_UNTIL } from './trustProperties';
import type { ChangeSource, HistoryItem, LeadHistory, OverrideVerdict, PropertyHistory, PropertyVersion, ScoreCause, ScorePoint, Timeline } from './types';

/** One version with the value it replaced. */
interface Change {
  property: string;
  version: PropertyVersion;
  /** The version's value, null when it was cleared. */
  value: string | null;
  previous: string | null;
  time: number;
}

/** The versions HubSpot wrote together: one save, one recalculation, one import row. */
interface Write {
  time: number;
  at: string;
  changes: Map<string, Change>;
  head: PropertyVersion;
}

/** Deal properties whose changes never move a score. */
const NOT_SCORED = new Set(['createdate', 'dealname', 'hs_object_id', 'hs_lastmodifieddate']);
const ORDER: Record<HistoryItem['kind'], number> = { score: 0, model: 1, override: 2, answer: 3, confirmed: 4 };

/**
 * Turns a lead's property histories into its score line and its changes in words-to-be: who
 * changed which answer through what (the card, the record page, an import, a workflow, the app's
 * recalculation), answers re-confirmed as still true, overrides, model versions, and for every
 * score change what moved it (an answer, a deal's field, the model, or nothing recorded). Writes
 * made with the app's token appear in HubSpot as the app; the card's stamps (`bant_answered_by`,
 * `bant_<key>_answered_at`) written in the same save name the rep. Pure.
 * @example buildTimeline(model, { contact: { bant_score: [{ value: '80', timestamp: '2026-11-04T10:00:00Z', sourceType: 'INTEGRATION', sourceId: '42' }] }, deals: [], company: null }).scores
 * // [{ at: '2026-11-04T10:00:00Z', score: 80 }]
 */
export function buildTimeline(model: Model, history: LeadHistory): Timeline {
  const answers = answerProperties(model);
  const stamps = new Map(model.criteria.map((criterion) => [answeredAt(criterion), criterion.key]));
  const appIds = appSourceIds(history.contact, [...derivedPropertyNames(model), ...stamps.keys(), ANSWERED_BY]);
  const isApp = (version: PropertyVersion) => version.sourceType === 'INTEGRATION' && version.sourceId !== undefined && appIds.has(version.sourceId);
  const valueAt = (property: string, time: number) => latestAt(history.contact[property], time);
  const writes = groupWrites(history.contact);
  const answerChanges = changesOf(history.contact, [...answers.keys()]).filter(changed);

  const items: HistoryItem[] = [];
  for (const write of writes) {
    const app = isApp(write.head);
    const answerInWrite = [...write.changes.keys()].some((property) => answers.has(property));
    const source = app ? appSource(write, answerInWrite, valueAt) : sourceOf(write.head);

    for (const change of write.changes.values()) {
      const criterion = answers.get(change.property);
      if (criterion === undefined || !changed(change)) continue;
      items.push({ kind: 'answer', at: write.at, criterion, property: change.property, from: change.previous, to: change.value, source });
    }
    if (app && !answerInWrite) items.push(...confirmations(write, stamps, answers, answerChanges, isApp, source, valueAt));
    if (OVERRIDE_PROPERTIES.some((property) => write.changes.has(property))) {
      const verdict = valueAt(OVERRIDE, write.time);
      items.push({
        kind: 'override', at: write.at, verdict: verdict === 'qualified' || verdict === 'not_qualified' ? (verdict as OverrideVerdict) : null,
        reason: valueAt(OVERRIDE_REASON, write.time), until: valueAt(OVERRIDE_UNTIL, write.time), by: valueAt(OVERRIDE_BY, write.time), source,
      });
    }
    const model = write.changes.get('bant_model_version');
    if (model?.value && changed(model)) items.push({ kind: 'model', at: write.at, from: model.previous, to: model.value });
    const score = write.changes.get('bant_score');
    const to = score ? toNumber(score.version.value) : null;
    if (score && to !== null && toNumber(score.previous) !== to) {
      const qualified = write.changes.get('bant_qualified');
      items.push({
        kind: 'score', at: write.at, from: toNumber(score.previous), to, source,
        causes: scoreCauses(history, score, answers, write),
        ...(qualified && changed(qualified)
          ? { qualified: { from: qualified.previous === null ? null : qualified.previous === 'true', to: qualified.value === 'true' } }
          : {}),
      });
    }
  }
  items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || ORDER[a.kind] - ORDER[b.kind]);

  const scores: ScorePoint[] = [...(history.contact.bant_score ?? [])].reverse().flatMap((version) => {
    const score = toNumber(version.value);
    return score === null ? [] : [{ at: version.timestamp, score }];
  });
  return { scores, changes: items, userIds: userIdsOf(items) };
}

/** Who an app write speaks for: the rep the card stamped, the app's suggestion, or the recalculation. */
function appSource(write: Write, answerInWrite: boolean, valueAt: (property: string, time: number) => string | null): ChangeSource {
  const stamped = write.changes.get(ANSWERED_BY)?.version.value;
  // HubSpot may not keep a version for a value written again unchanged, so the rep of an earlier save still counts.
  const byCard = stamped !== undefined || answerInWrite || OVERRIDE_PROPERTIES.some((property) => write.changes.has(property));
  if (!byCard) return { via: 'recalculation' };
  const userId = stamped ?? valueAt(ANSWERED_BY, write.time);
  return userId === 'app' ? { via: 'suggestion' } : { via: 'card', userId: userId || null };
}

/**
 * Stamps written without their answer: a rep's "still true" on the card, unless the recalculation
 * stamped an answer that changed elsewhere since the criterion's previous stamp.
 */
function confirmations(
  write: Write, stamps: Map<string, string>, answers: Map<string, string>, answerChanges: Change[], isApp: (version: PropertyVersion) => boolean,
  source: ChangeSource, valueAt: (property: string, time: number) => string | null,
): HistoryItem[] {
  const items: HistoryItem[] = [];
  for (const [property, change] of write.changes) {
    const criterion = stamps.get(property);
    if (criterion === undefined) continue;
    const since = parseTime(change.previous) ?? Number.NEGATIVE_INFINITY;
    const changedElsewhere = answerChanges.some((answer) => answers.get(answer.property) === criterion && !isApp(answer.version)
      && answer.time >= since && answer.time <= write.time);
    if (changedElsewhere && source.via === 'recalculation') continue;
    const confirmedBy: ChangeSource = source.via === 'recalculation' ? { via: 'card', userId: valueAt(ANSWERED_BY, write.time) } : source;
    const answer = [...answers].find(([, key]) => key === criterion)?.[0];
    items.push({ kind: 'confirmed', at: write.at, criterion, value: answer ? valueAt(answer, write.time) : null, source: confirmedBy });
  }
  return items;
}

function scoreCauses(history: LeadHistory, score: Change, answers: Map<string, string>, write: Write): ScoreCause[] {
  const versions = history.contact.bant_score ?? [];
  const previous = versions[versions.indexOf(score.version) + 1];
  // A first score is no move: at most the answers saved with it explain it.
  if (!previous) return [...new Set([...write.changes.keys()].flatMap((property) => answers.get(property) ?? []))].map((criterion) => ({ kind: 'answer', criterion }));
  const since = Date.parse(previous.timestamp);
  const within = (change: Change) => change.time > since && change.time <= write.time && changed(change);
  const causes: ScoreCause[] = [];

  for (const criterion of new Set(changesOf(history.contact, [...answers.keys()]).filter(within).map((change) => answers.get(change.property) as string))) {
    causes.push({ kind: 'answer', criterion });
  }
  for (const deal of history.deals) {
    const properties = Object.keys(deal.history).filter((property) => !NOT_SCORED.has(property));
    const changes = changesOf(deal.history, properties);
    // The values a deal was created with tell of a deal linked, which history does not record.
    const created = Math.min(...changes.map((change) => change.time));
    for (const change of changes.filter((candidate) => within(candidate) && candidate.time !== created)) {
      causes.push({ kind: 'deal', dealId: deal.id, dealName: deal.name, property: change.property, from: change.previous, to: change.value });
    }
  }
  if (history.company) {
    const properties = Object.keys(history.company).filter((property) => !NOT_SCORED.has(property));
    for (const property of new Set(changesOf(history.company, properties).filter(within).map((change) => change.property))) causes.push({ kind: 'company', property });
  }
  const model = changesOf(history.contact, ['bant_model_version']).filter((change) => within(change) && change.previous !== null)[0];
  if (model?.value) causes.push({ kind: 'model', version: model.value });
  return causes.length > 0 ? causes : [{ kind: 'unrecorded' }];
}

/** The source ids the app writes under: whoever wrote the app's own outputs with an integration token. */
function appSourceIds(contact: PropertyHistory, ownProperties: string[]): Set<string> {
  const ids = new Set<string>();
  for (const property of ownProperties) {
    for (const version of contact[property] ?? []) {
      if (version.sourceType === 'INTEGRATION' && version.sourceId) ids.add(version.sourceId);
    }
  }
  return ids;
}

/**
 * Where a version came from, by HubSpot's source type.
 * @example sourceOf({ value: 'x', timestamp: '...', sourceType: 'CRM_UI', sourceId: 'userId:7', updatedByUserId: 7 }) // { via: 'record', userId: '7' }
 */
export function sourceOf(version: PropertyVersion): ChangeSource {
  const userId = version.updatedByUserId !== undefined
    ? String(version.updatedByUserId)
    : /^userId:(\d+)$/.exec(version.sourceId ?? '')?.[1] ?? null;
  switch (version.sourceType) {
    case 'CRM_UI':
    case 'MOBILE_IOS':
    case 'MOBILE_ANDROID':
      return { via: 'record', userId };
    case 'IMPORT':
      return { via: 'import', userId };
    case 'AUTOMATION_PLATFORM':
    case 'WORKFLOW':
    case 'WORKFLOWS':
      return { via: 'workflow', label: version.sourceLabel ?? null };
    case 'INTEGRATION':
      return { via: 'integration', label: version.sourceLabel ?? null };
    default:
      return { via: 'other', sourceType: version.sourceType, userId };
  }
}

function groupWrites(contact: PropertyHistory): Write[] {
  const writes = new Map<string, Write>();
  for (const change of changesOf(contact, Object.keys(contact))) {
    const { version } = change;
    const key = `${version.timestamp}|${version.sourceType}|${version.sourceId ?? ''}`;
    let write = writes.get(key);
    if (!write) writes.set(key, (write = { time: change.time, at: version.timestamp, changes: new Map(), head: version }));
    write.changes.set(change.property, change);
  }
  return [...writes.values()].sort((a, b) => a.time - b.time);
}

/** Every version of the properties with the value it replaced (null for the first). */
function changesOf(history: PropertyHistory, properties: string[]): Change[] {
  return properties.flatMap((property) => {
    const versions = history[property] ?? [];
    return versions.map((version, index) => ({
      property, version, value: emptyToNull(version.value), time: Date.parse(version.timestamp), previous: emptyToNull(versions[index + 1]?.value ?? null),
    }));
  });
}

function changed(change: Change): boolean {
  return change.value !== change.previous;
}

/** The value a property had at a time: its newest version at or before it. */
function latestAt(versions: PropertyVersion[] | undefined, time: number): string | null {
  const version = (versions ?? []).find((candidate) => Date.parse(candidate.timestamp) <= time);
  return emptyToNull(version?.value ?? null);
}

function userIdsOf(items: HistoryItem[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    if ('source' in item && 'userId' in item.source && item.source.userId) ids.add(item.source.userId);
    if (item.kind === 'override' && item.by && /^\d+$/.test(item.by)) ids.add(item.by);
  }
  return [...ids];
}

/** A datetime value as HubSpot stores it: ISO 8601 or epoch milliseconds. */
function parseTime(value: string | null): number | null {
  if (value === null) return null;
  const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isNaN(time) ? null : time;
}

function toNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function emptyToNull(value: string | null): string | null {
  return value === null || value === '' ? null : value;
}
