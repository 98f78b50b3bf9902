/**
 * The pure BANT scoring engine: no IO, no clock, no HubSpot. Adapters read, call this, and write.
 * Two ways to score: `scoreLead` explains (reasons, display values, explanation codes) for what a
 * person reads; `compileModel(model).score` / `.derived` give the same numbers fast, for bulk work.
 */
export type * from './types';
export { addMonths } from './addMonths';
export { ANSWERED_BY, answeredAt } from './answeredAt';
export { answerStale } from './answerStale';
export { compileModel, MAX_CRITERIA } from './compileModel';
export type { CompiledModel, CriterionScore, LeadScore, ScoreOutcome } from './compileModel';
export { describeExplanation } from './describeExplanation';
export { displayMeasure } from './displayMeasure';
export { derivedPropertiesChanged } from './derivedPropertiesChanged';
export { COMMITTEE_SIZE, derivedPropertyNames, SCORED_AT, STALE_CRITERIA, VERDICT } from './derivedPropertyNames';
export { formatNumber } from './formatNumber';
export { modelSchema, ruleSchema } from './modelSchema';
export { parseBoolean, parseDate, parseMulti, parseNumber, readDate, readNumber } from './parseRaw';
export { propertiesRead } from './propertiesRead';
export { OVERRIDE, OVERRIDE_BY, OVERRIDE_PROPERTIES, OVERRIDE_REASON, OVERRIDE_UNTIL, readOverride } from './readOverride';
export { scoreLead } from './scoreLead';
export { scoreValue } from './scoreValue';
export { selectDeal } from './selectDeal';
export { suggestionProblems } from './suggestionProblems';
export { stampsRead } from './stampsRead';
export { summarizeCriteria } from './summarizeCriteria';
export type { CriteriaSummary } from './summarizeCriteria';
export { englishText } from './text';
export { toDerivedProperties } from './toDerivedProperties';
export { totalMax } from './totalMax';
export { formatProblem, modelWarnings, validateModel } from './validateModel';
export type { ModelProblem, ModelValidation } from './validateModel';
