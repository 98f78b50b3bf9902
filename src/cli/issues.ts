import type { PropertyIssue } from '../setup/types';

/** Short retries for interactive commands: a portal that does not answer is reported within seconds. */
export const INTERACTIVE_RETRY = { maxAttempts: 3, maxTotalMs: 5_000, baseDelayMs: 200, maxDelayMs: 1_000 };

/** One issue for a terminal: severity, where, what, and the fix on its own line. */
export function formatIssue(issue: PropertyIssue): string {
  const where = issue.path === 'derived' ? 'derived output' : issue.path === 'stamps' ? 'answer stamp' : issue.path;
  return `  ${issue.severity.padEnd(7)} ${issue.object}.${issue.property} (${where}): ${issue.message}\n          fix: ${issue.fix}\n`;
}

export function plural(count: number, word: string): string {
  return `${count} ${count === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
}
