/**
 * Suggested answers from conversations (pure, no IO, no clock): the texts of a contact's calls,
 * meetings, notes and emails, and the job title, become at most one suggestion per criterion, each
 * with its evidence. Adapters read activities, strip HTML with `toPlainText`, call `extractSuggestions`.
 */
export type * from './types';
export { ACTIVITY_KINDS } from './types';
export { ACTIVITY_DAYS, ACTIVITY_LIMIT, ACTIVITY_OBJECTS, activityTexts, newestActivityIds } from './activityTexts';
export type { ActivityObjectType, ActivityRecord } from './activityTexts';
export { autofillAnswers } from './autofillAnswers';
export type { Autofill } from './autofillAnswers';
export { classifyTitle } from './classifyTitle';
export { DISMISSED_PROPERTY, dismissedKeys } from './dismissedKeys';
export { extractSuggestions } from './extractSuggestions';
export { suggestionFacts } from './suggestionFacts';
export type { SuggestionTarget } from './suggestionFacts';
export { suggestionKey } from './suggestionKey';
export { toPlainText } from './toPlainText';
export { transcriptText } from './transcriptText';
export type { Utterance } from './transcriptText';
export { MAX_DISMISSALS, withDismissal } from './withDismissal';
export { languageModelAnswer } from './languageModelAnswer';
export type { DroppedSuggestion, LanguageModelAnswer } from './languageModelAnswer';
export { JOB_TITLE_SOURCE, languageModelPrompt, MAX_ACTIVITY_TEXT, MAX_PROMPT_TEXT } from './languageModelPrompt';
export type { ChatRequest, LanguageModelPrompt } from './languageModelPrompt';
