/**
 * The settings page's messages in English, Finnish, Norwegian Bokmål and Arabic: one catalog file
 * per feature, each with all four languages and its own key prefix; a new feature adds one line.
 */
import { combineCatalogs } from '@bant/i18n';
import type { CombinedCatalog } from '@bant/i18n';
import { checksMessages } from './checks';
import { conversationsMessages } from './conversations';
import { editorMessages } from './editor';
import { modelMessages } from './model';
import { previewMessages } from './preview';
import { problemsMessages } from './problems';
import { versionsMessages } from './versions';

const FEATURES = [
  editorMessages,
  versionsMessages,
  modelMessages,
  checksMessages,
  previewMessages,
  conversationsMessages,
  problemsMessages,
] as const;

export type SettingsCatalog = CombinedCatalog<typeof FEATURES>;
export const SETTINGS_CATALOGS = combineCatalogs(FEATURES);
