/**
 * The card's messages in English, Finnish, Norwegian Bokmål and Arabic: one catalog file per
 * feature, each with all four languages and its own key prefix. A new feature adds its file and
 * one line to FEATURES.
 */
import { combineCatalogs } from '@bant/i18n';
import type { CombinedCatalog } from '@bant/i18n';
import { committeeMessages } from './committee';
import { criteriaMessages } from './criteria';
import { editorMessages } from './editor';
import { leadMessages } from './lead';
import { nextStepMessages } from './nextStep';
import { statesMessages } from './states';
import { suggestMessages } from './suggest';
import { trustMessages } from './trust';
import { verdictMessages } from './verdict';

const FEATURES = [
  verdictMessages,
  criteriaMessages,
  editorMessages,
  statesMessages,
  nextStepMessages,
  suggestMessages,
  trustMessages,
  committeeMessages,
  leadMessages,
] as const;

export type CardCatalog = CombinedCatalog<typeof FEATURES>;
export type CardMessageKey = keyof CardCatalog & string;
export const CARD_CATALOGS = combineCatalogs(FEATURES);
