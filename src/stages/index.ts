/** Moving HubSpot's own records with the verdict (pure): a contact's lead stage and lifecycle stage, forward only. */
export type * from './types';
export { leadStageMove } from './leadStageMove';
export type { VerdictOf } from './leadStageMove';
export { lifecycleStageMove } from './lifecycleStageMove';
export { openLead } from './openLead';
