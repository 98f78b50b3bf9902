/** What the card function says about suggestions: hiding one. */
import type { Catalogs } from '../../../i18n';

const en = {
  'suggestions.doingDismiss': 'hiding the suggestion',
} as const;

export const suggestionsMessages: Catalogs<typeof en> = {
  en,
  fi: { 'suggestions.doingDismiss': 'ehdotusta piilotettaessa' },
  nb: { 'suggestions.doingDismiss': 'skjuling av forslaget' },
  ar: { 'suggestions.doingDismiss': 'إخفاء الاقتراح' },
};
