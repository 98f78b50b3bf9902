/** The contact's HubSpot lead on the contact card: its name, its stage, what the app does with it. */
import type { Catalogs } from '@bant/i18n';

const en = {
  'lead.named': 'Lead “{name}”: {stage}',
  'lead.unnamed': 'Lead: {stage}',
  'lead.stageNew': 'New',
  'lead.stageAttempting': 'Attempting',
  'lead.stageConnected': 'Connected',
  'lead.stageQualified': 'Qualified',
  'lead.stageUnqualified': 'Unqualified',
  'lead.stageOther': 'Other stage',
  'lead.movesQualify': 'BANT moves it to Qualified when this contact qualifies.',
  'lead.movesBoth': 'BANT moves it to Qualified when this contact qualifies, or to Unqualified once every answer is known and it does not.',
} as const;

export const leadMessages: Catalogs<typeof en> = {
  en,
  fi: {
    'lead.named': 'Liidi ”{name}”: {stage}',
    'lead.unnamed': 'Liidi: {stage}',
    'lead.stageNew': 'Uusi',
    'lead.stageAttempting': 'Yhteyttä yritetään',
    'lead.stageConnected': 'Yhteys saatu',
    'lead.stageQualified': 'Kvalifioitu',
    'lead.stageUnqualified': 'Ei kvalifioitu',
    'lead.stageOther': 'Muu vaihe',
    'lead.movesQualify': 'BANT siirtää sen vaiheeseen Kvalifioitu, kun tämä yhteyshenkilö kvalifioituu.',
    'lead.movesBoth': 'BANT siirtää sen vaiheeseen Kvalifioitu, kun tämä yhteyshenkilö kvalifioituu, tai vaiheeseen Ei kvalifioitu, kun kaikki vastaukset tiedetään eikä hän kvalifioidu.',
  },
  nb: {
    'lead.named': 'Lead «{name}»: {stage}',
    'lead.unnamed': 'Lead: {stage}',
    'lead.stageNew': 'Ny',
    'lead.stageAttempting': 'Forsøker',
    'lead.stageConnected': 'I kontakt',
    'lead.stageQualified': 'Kvalifisert',
    'lead.stageUnqualified': 'Ikke kvalifisert',
    'lead.stageOther': 'Annet stadium',
    'lead.movesQualify': 'BANT flytter den til Kvalifisert når denne kontakten kvalifiserer.',
    'lead.movesBoth': 'BANT flytter den til Kvalifisert når denne kontakten kvalifiserer, eller til Ikke kvalifisert når alle svar er kjent og kontakten ikke kvalifiserer.',
  },
  ar: {
    'lead.named': 'العميل المحتمل «{name}»: {stage}',
    'lead.unnamed': 'العميل المحتمل: {stage}',
    'lead.stageNew': 'جديد',
    'lead.stageAttempting': 'جارٍ التواصل',
    'lead.stageConnected': 'تم التواصل',
    'lead.stageQualified': 'مؤهَّل',
    'lead.stageUnqualified': 'غير مؤهَّل',
    'lead.stageOther': 'مرحلة أخرى',
    'lead.movesQualify': 'ينقله BANT إلى مرحلة «مؤهَّل» عندما تتأهل جهة الاتصال هذه.',
    'lead.movesBoth': 'ينقله BANT إلى مرحلة «مؤهَّل» عندما تتأهل جهة الاتصال هذه، أو إلى «غير مؤهَّل» عندما تُعرف كل الإجابات ولا تتأهل.',
  },
};
