import type { PropertyHistory, PropertyVersion } from '../../src/history';

export const APP = { sourceType: 'INTEGRATION', sourceId: '3141592' } as const;
export const record = (userId: number) => ({ sourceType: 'CRM_UI', sourceId: `userId:${userId}`, updatedByUserId: userId });

/** A day in November 2026 at a time, as HubSpot writes timestamps. */
export const nov = (day: number, time = '10:00') => `2026-11-${String(day).padStart(2, '0')}T${time}:00.000Z`;

/**
 * Builds HubSpot histories from writes listed oldest first, the way a story is told:
 * `history([nov(3), APP, { bant_budget: '40000', bant_score: '55' }], ...)`.
 */
export function history(...writes: Array<[string, Omit<PropertyVersion, 'value' | 'timestamp'>, Record<string, string>]>): PropertyHistory {
  const result: PropertyHistory = {};
  for (const [timestamp, source, values] of writes) {
    for (const [property, value] of Object.entries(values)) {
      (result[property] ??= []).unshift({ value, timestamp, ...source });
    }
  }
  return result;
}
