import type { RescoreFailure } from './types';

/** Contacts that failed for the same reason: the reason once, the ids, whether running again can help. */
export interface FailureGroup {
  message: string;
  retryable: boolean;
  ids: string[];
}

/**
 * Groups failures whose messages are the same once the contact's own id is left out, largest group
 * first: a thousand contacts refused for one reason are one line, not a thousand.
 * @example groupFailures([{ id: '1', message: 'contact 1 was not written: x', retryable: false }, { id: '2', message: 'contact 2 was not written: x', retryable: false }])
 * // [{ message: 'contact … was not written: x', retryable: false, ids: ['1', '2'] }]
 */
export function groupFailures(failures: readonly RescoreFailure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const failure of failures) {
    // HubSpot's per-record errors name the record ("contact 101 was not written", "deal 9 ..."); other numbers stay.
    const message = failure.message.replace(new RegExp(`\\b(contact|deal|company|record) ${failure.id}\\b`, 'g'), '$1 …');
    const key = `${failure.retryable}\u0000${message}`;
    const group = groups.get(key) ?? { message, retryable: failure.retryable, ids: [] };
    group.ids.push(failure.id);
    groups.set(key, group);
  }
  // A reason given once keeps the contact's id in it.
  const single = new Map(failures.map((failure) => [failure.id, failure.message]));
  return [...groups.values()]
    .map((group) => (group.ids.length === 1 ? { ...group, message: single.get(group.ids[0] as string) ?? group.message } : group))
    .sort((a, b) => b.ids.length - a.ids.length);
}
