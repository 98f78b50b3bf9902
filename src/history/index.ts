/** A lead's history from HubSpot's property versions: score line, changes, who made them. Pure. */
export type * from './types';
export { buildTimeline, sourceOf } from './buildTimeline';
export { describeChange, via } from './describeChange';
export type { DescribeOptions } from './describeChange';
export { ANSWERED_BY, answeredAt, answerProperties, OVERRIDE, OVERRIDE_BY, OVERRIDE_PROPERTIES, OVERRIDE_REASON, OVERRIDE_UNTIL } from './trustProperties';
