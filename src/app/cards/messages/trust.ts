/** Trust on the card: who changed what, the verdict set by hand, answers to re-check. */
import type { Catalogs } from '@bant/i18n';

const en = {
  'trust.overrideNotAllowed': 'Nobody can set the verdict by hand with this scoring model; it decides on its own.',
} as const;

export const trustMessages: Catalogs<typeof en> = {
  en,
  fi: {
    'trust.overrideNotAllowed': 'Tässä pisteytysmallissa kukaan ei voi asettaa tulosta käsin; malli päättää itse.',
  },
  nb: {
    'trust.overrideNotAllowed': 'Ingen kan sette resultatet manuelt med denne poengmodellen; den avgjør selv.',
  },
  ar: {
    'trust.overrideNotAllowed': 'لا يمكن لأحد تحديد النتيجة يدويًا مع نموذج التقييم هذا؛ فهو يقرر بنفسه.',
  },
};
