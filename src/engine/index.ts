/** The pure BANT scoring engine: no IO, no clock, no HubSpot. Adapters read, call this, and write. */
export type * from './types';
export { addMonths } from './addMonths';
export { derivedPropertiesChanged } from './derivedPropertiesChanged';
export { COMMITTEE_SIZE, derivedPropertyNames, SCORED_AT } from './derivedPropertyNames';
export { formatNumber } from './formatNumber';
export { modelSchema, ruleSchema } from './modelSchema';
export { parseBoolean, parseDate, parseMulti, parseNumber } from './parseRaw';
export { propertiesRead } from './propertiesRead';
export { scoreLead } from './scoreLead';
export { scoreValue } from './scoreValue';
export { selectDeal } from './selectDeal';
export { summarizeCriteria } from './summarizeCriteria';
export type { CriteriaSummary } from './summarizeCriteria';
export { toDerivedProperties } from './toDerivedProperties';
export { totalMax } from './totalMax';
export { formatProblem, validateModel } from './validateModel';
export type { ModelProblem, ModelValidation } from './validateModel';
