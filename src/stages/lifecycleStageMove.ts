import type { LifecycleOptions } from '../engine';

/**
 * The lifecycle stage to set on a contact that qualifies, if any: the model's stage, only when it
 * comes after the current one in the portal's order (HubSpot's lifecycle moves forward only). An
 * empty stage moves; a stage the order does not know (a custom one) is left alone.
 * @example lifecycleStageMove({ advance: true, stage: 'salesqualifiedlead' }, true, 'lead', order) // "salesqualifiedlead"
 */
export function lifecycleStageMove(options: LifecycleOptions | undefined, qualified: boolean, current: string | null | undefined, order: readonly string[]): string | null {
  if (!options?.advance || !qualified) return null;
  const target = order.indexOf(options.stage);
  if (target < 0) return null;
  const stage = current?.trim() ?? '';
  if (stage === '') return options.stage;
  const now = order.indexOf(stage);
  return now >= 0 && now < target ? options.stage : null;
}
