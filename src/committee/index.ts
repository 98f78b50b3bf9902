/** The buying committee (pure): a deal's or company's BANT rolled up from its contacts. No IO. */
export type * from './types';
export { committeeDerivedProperties, committeePropertyNames } from './committeeDerivedProperties';
export { describeGap, describeTarget } from './describeGap';
export { MEMBER_PROPERTIES, memberName } from './memberName';
export { qualifyingTarget } from './qualifyingTarget';
export { targetOption } from './targetOption';
export type { QualifyingTarget } from './qualifyingTarget';
export { DEFAULT_ROLLUP, rollupCommittee } from './rollupCommittee';
