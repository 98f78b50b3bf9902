/** The property where dismissals are kept on the contact, so every rep sees the same (SCORING.md §6). */
export const DISMISSED_PROPERTY = 'bant_dismissed_suggestions';

/**
 * The dismissals stored on a contact: `;`-separated `<criterion>:<activity id>` keys (the job title's
 * id is `jobtitle`). Unreadable pieces are ignored, never an error.
 * @example dismissedKeys('budget:123;authority:jobtitle') // Set { 'budget:123', 'authority:jobtitle' }
 */
export function dismissedKeys(raw: string | null | undefined): Set<string> {
  return new Set((raw ?? '').split(';').map((key) => key.trim()).filter((key) => /^[a-z][a-z0-9_]*:[^;:\s]+$/.test(key)));
}
