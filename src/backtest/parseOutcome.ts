export type Outcome = { ok: true; won: boolean } | { ok: false; reason: string };

const WON = new Set(['won', 'win', '1', 'true', 'yes', 'y', 'closed won', 'closedwon', 'customer']);
const LOST = new Set(['lost', 'loss', '0', 'false', 'no', 'n', 'closed lost', 'closedlost']);

/**
 * Reads what happened to a lead from an export's outcome cell: won/lost, 1/0, true/false, yes/no
 * (any case; also HubSpot's "closedwon"/"closedlost"). Empty or anything else is a reason, not a guess.
 * @example parseOutcome('Yes', 'outcome') // { ok: true, won: true }
 */
export function parseOutcome(raw: string, column: string): Outcome {
  const value = raw.trim().toLowerCase();
  if (value === '') return { ok: false, reason: `${column} is empty; fill in won or lost (or 1/0, true/false, yes/no)` };
  if (WON.has(value)) return { ok: true, won: true };
  if (LOST.has(value)) return { ok: true, won: false };
  return { ok: false, reason: `${column} "${raw.trim()}" is not an outcome; use won or lost (or 1/0, true/false, yes/no)` };
}
