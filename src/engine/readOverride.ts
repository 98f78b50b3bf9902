import { readDate } from './parseRaw';
import type { Model, Override, RawProperties, Verdict } from './types';

export const OVERRIDE = 'bant_override';
export const OVERRIDE_REASON = 'bant_override_reason';
export const OVERRIDE_BY = 'bant_override_by';
export const OVERRIDE_UNTIL = 'bant_override_until';
export const OVERRIDE_PROPERTIES = [OVERRIDE, OVERRIDE_REASON, OVERRIDE_BY, OVERRIDE_UNTIL] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The verdict set by hand on a contact and whether it applies at `now` (SCORING.md §6): only when
 * the model lets editors override, and through the whole of its last day (UTC). A value other
 * than `qualified` or `not_qualified` is no override.
 * @example readOverride(model, { bant_override: 'qualified', bant_override_until: '2026-11-30' }, new Date('2026-12-01T00:00:00Z'))?.status // 'expired'
 */
export function readOverride(model: Pick<Model, 'overrides'>, contact: RawProperties, now: Date): Override | null {
  const verdict = text(contact[OVERRIDE]);
  if (verdict !== 'qualified' && verdict !== 'not_qualified') return null;
  const until = text(contact[OVERRIDE_UNTIL]);
  const untilTime = until === null ? null : readDate(until);
  const lastDay = untilTime === null || Number.isNaN(untilTime) ? until : new Date(untilTime).toISOString().slice(0, 10);
  const status: Override['status'] = model.overrides?.who !== 'editors'
    ? 'not_allowed'
    : untilTime !== null && Number.isNaN(untilTime)
      ? 'unreadable_until'
      // The last day counts whole: the override ends at the next midnight UTC.
      : untilTime !== null && now.getTime() >= (Math.floor(untilTime / DAY_MS) + 1) * DAY_MS
        ? 'expired'
        : 'applies';
  return { verdict: verdict as Verdict, reason: text(contact[OVERRIDE_REASON]), by: text(contact[OVERRIDE_BY]), until: lastDay, status };
}

function text(raw: string | null | undefined): string | null {
  const trimmed = raw?.trim();
  return trimmed ? trimmed : null;
}
