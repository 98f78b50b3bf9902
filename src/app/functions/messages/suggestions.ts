/** The card function's words about suggested answers. */
import type { Catalogs } from '../../../i18n';

const en = {
  'suggestions.doingDismiss': 'hiding the suggestion',
  'suggestions.doingTranscript': 'reading the call transcript',
  'suggestions.transcriptMissing': 'This call has no transcript in HubSpot any more (or it belongs to another call). Reload the record page.',
  'suggestions.transcriptRefused': 'HubSpot does not let the app read call transcripts in this account. Your HubSpot admin can allow it in the app\'s settings; the call notes still give suggestions.',
} as const;

export const suggestionsMessages: Catalogs<typeof en> = {
  en,
  fi: {
    'suggestions.doingDismiss': 'ehdotusta piilotettaessa',
    'suggestions.doingTranscript': 'puhelun litterointia luettaessa',
    'suggestions.transcriptMissing': 'Tällä puhelulla ei ole enää litterointia HubSpotissa (tai se kuuluu toiseen puheluun). Lataa tietuesivu uudelleen.',
    'suggestions.transcriptRefused': 'HubSpot ei salli sovelluksen lukea puheluiden litterointeja tällä tilillä. HubSpot-ylläpitäjäsi voi sallia sen sovelluksen asetuksista; puhelumuistiinpanot antavat silti ehdotuksia.',
  },
  nb: {
    'suggestions.doingDismiss': 'skjuling av forslaget',
    'suggestions.doingTranscript': 'lesing av samtaleutskriften',
    'suggestions.transcriptMissing': 'Denne samtalen har ikke lenger en utskrift i HubSpot (eller den hører til en annen samtale). Last inn postsiden på nytt.',
    'suggestions.transcriptRefused': 'HubSpot lar ikke appen lese samtaleutskrifter i denne kontoen. HubSpot-administratoren din kan tillate det i appens innstillinger; samtalenotatene gir fortsatt forslag.',
  },
  ar: {
    'suggestions.doingDismiss': 'إخفاء الاقتراح',
    'suggestions.doingTranscript': 'قراءة نص المكالمة',
    'suggestions.transcriptMissing': 'لم يعد لهذه المكالمة نص في HubSpot (أو أنه يخص مكالمة أخرى). أعد تحميل صفحة السجل.',
    'suggestions.transcriptRefused': 'لا يسمح HubSpot للتطبيق بقراءة نصوص المكالمات في هذا الحساب. يمكن لمسؤول HubSpot لديك السماح بذلك من إعدادات التطبيق؛ وما زالت ملاحظات المكالمات تقدّم اقتراحات.',
  },
};
