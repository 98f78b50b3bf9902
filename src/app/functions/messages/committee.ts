/** What the committee card's function (`bant_committee_api`) says: a record that is gone, a refused read. */
import type { Catalogs } from '../../../i18n';

const en = {
  'committee.doingLoadDeal': "loading this deal's buying committee",
  'committee.doingLoadCompany': "loading this company's buying committee",
  'committee.notFoundDeal': 'Deal {id} does not exist in HubSpot any more (deleted or merged). Reload the record page.',
  'committee.notFoundCompany': 'Company {id} does not exist in HubSpot any more (deleted or merged). Reload the record page.',
  'committee.crmNotFound': 'HubSpot could not find this record while {doing}{status}; it may have been deleted or merged. Reload the record page.',
  'committee.crmForbidden': 'HubSpot refused {doing}{status}: the app may not read deals, companies or their contacts in this account. Ask your HubSpot admin to reinstall the BANT app and accept its permissions for deals and companies.',
} as const;

export const committeeMessages: Catalogs<typeof en> = {
  en,
  fi: {
    'committee.doingLoadDeal': 'kaupan ostajaryhmää ladattaessa',
    'committee.doingLoadCompany': 'yrityksen ostajaryhmää ladattaessa',
    'committee.notFoundDeal': 'Kauppaa {id} ei enää ole HubSpotissa (poistettu tai yhdistetty). Lataa tietuesivu uudelleen.',
    'committee.notFoundCompany': 'Yritystä {id} ei enää ole HubSpotissa (poistettu tai yhdistetty). Lataa tietuesivu uudelleen.',
    'committee.crmNotFound': 'HubSpot ei löytänyt tätä tietuetta {doing}{status}; se on ehkä poistettu tai yhdistetty. Lataa tietuesivu uudelleen.',
    'committee.crmForbidden': 'HubSpot esti toiminnon ({doing}){status}: sovellus ei saa lukea tämän tilin kauppoja, yrityksiä tai niiden yhteyshenkilöitä. Pyydä HubSpot-ylläpitäjääsi asentamaan BANT-sovellus uudelleen ja hyväksymään sen oikeudet kauppoihin ja yrityksiin.',
  },
  nb: {
    'committee.doingLoadDeal': 'lasting av avtalens innkjøpsgruppe',
    'committee.doingLoadCompany': 'lasting av selskapets innkjøpsgruppe',
    'committee.notFoundDeal': 'Avtale {id} finnes ikke lenger i HubSpot (slettet eller slått sammen). Last inn postsiden på nytt.',
    'committee.notFoundCompany': 'Selskap {id} finnes ikke lenger i HubSpot (slettet eller slått sammen). Last inn postsiden på nytt.',
    'committee.crmNotFound': 'HubSpot fant ikke denne posten under {doing}{status}; den kan være slettet eller slått sammen. Last inn postsiden på nytt.',
    'committee.crmForbidden': 'HubSpot avviste {doing}{status}: appen har ikke lov til å lese avtaler, selskaper eller kontaktene deres i denne kontoen. Be HubSpot-administratoren om å installere BANT-appen på nytt og godta tillatelsene for avtaler og selskaper.',
  },
  ar: {
    'committee.doingLoadDeal': 'تحميل لجنة الشراء لهذه الصفقة',
    'committee.doingLoadCompany': 'تحميل لجنة الشراء لهذه الشركة',
    'committee.notFoundDeal': 'الصفقة {id} لم تعد موجودة في HubSpot (حُذفت أو دُمجت). أعد تحميل صفحة السجل.',
    'committee.notFoundCompany': 'الشركة {id} لم تعد موجودة في HubSpot (حُذفت أو دُمجت). أعد تحميل صفحة السجل.',
    'committee.crmNotFound': 'لم يعثر HubSpot على هذا السجل أثناء {doing}{status}؛ ربما حُذف أو دُمج. أعد تحميل صفحة السجل.',
    'committee.crmForbidden': 'رفض HubSpot {doing}{status}: لا يُسمح للتطبيق بقراءة الصفقات أو الشركات أو جهات الاتصال المرتبطة بها في هذا الحساب. اطلب من مسؤول HubSpot إعادة تثبيت تطبيق BANT والموافقة على أذوناته للصفقات والشركات.',
  },
};
