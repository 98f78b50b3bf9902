import { dismissedKeys } from './dismissedKeys';

/** The most dismissals a contact keeps; the oldest go first (a HubSpot text property holds 65,536 characters). */
export const MAX_DISMISSALS = 300;

/**
 * The dismissals property after one more dismissal: the key added once, at the end, the oldest
 * dropped beyond `MAX_DISMISSALS`.
 * @example withDismissal('budget:1', 'need:2') // 'budget:1;need:2'
 */
export function withDismissal(raw: string | null | undefined, key: string): string {
  const keys = [...dismissedKeys(raw)].filter((k) => k !== key);
  keys.push(key);
  return keys.slice(-MAX_DISMISSALS).join(';');
}
