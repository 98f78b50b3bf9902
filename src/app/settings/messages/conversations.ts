/** Suggested answers from conversations: who proposes them, and exactly what leaves HubSpot when a language model does. */
import type { Catalogs } from '@bant/i18n';

const en = {
  'llm.title': 'Suggested answers from conversations',
  'llm.off': "Off: suggested answers come from the app's own rules, which run inside HubSpot. No text leaves HubSpot.",
  'llm.howOn': 'To let a language model propose them instead, your developer adds the app secrets BANT_LLM_URL (an OpenAI-compatible chat endpoint), BANT_LLM_KEY and BANT_LLM_MODEL with hs secret add.',
  'llm.on': 'On: a language model ({model} at {host}) proposes the suggested answers.',
  'llm.sent': "Each time a rep opens a contact's card, these texts leave HubSpot for {host}: the title and body of the contact's calls, the title, body and internal notes of its meetings, the body of its notes, and the subject and text of its emails, from the last {days} days and at most the newest {limit}, without formatting; and the contact's job title. With them go the model's criteria, their answer choices and today's date. Whatever those texts contain goes with them, such as names, amounts or email addresses written in them. Nothing else is sent: not the contact's own name or email address, its deals or its scores.",
  'llm.kept': 'The app stores nothing outside HubSpot: each answer is checked (every quote must appear word for word in its text), shown to the rep as suggestions and forgotten. What {host} keeps is up to your agreement with its provider.',
  'llm.fallback': "If {host} fails or takes longer than {seconds} seconds, the app's own rules answer instead.",
  'llm.autofill': 'Auto-fill is on in the model: suggestions from the language model above its confidence threshold fill empty answers without a rep.',
  'llm.invalid': "Set up wrongly, so the app's own rules answer: {problem}",
} as const;

export const conversationsMessages: Catalogs<typeof en> = {
  en,
  fi: {
    'llm.title': 'Vastausehdotukset keskusteluista',
    'llm.off': 'Pois päältä: vastausehdotukset tulevat sovelluksen omista säännöistä, jotka toimivat HubSpotin sisällä. Mitään tekstiä ei lähetetä HubSpotin ulkopuolelle.',
    'llm.howOn': 'Jos haluat kielimallin ehdottavan vastaukset, kehittäjäsi lisää sovelluksen salaisuudet BANT_LLM_URL (OpenAI-yhteensopiva chat-rajapinta), BANT_LLM_KEY ja BANT_LLM_MODEL komennolla hs secret add.',
    'llm.on': 'Päällä: kielimalli ({model}, {host}) ehdottaa vastaukset.',
    'llm.sent': 'Aina kun myyjä avaa kontaktin kortin, nämä tekstit lähtevät HubSpotista palveluun {host}: kontaktin puheluiden otsikko ja sisältö, tapaamisten otsikko, sisältö ja sisäiset muistiinpanot, muistiinpanojen sisältö sekä sähköpostien aihe ja teksti viimeisiltä {days} päivältä, enintään {limit} uusinta, ilman muotoilua; sekä kontaktin tehtävänimike. Niiden mukana lähtevät mallin kriteerit, niiden vastausvaihtoehdot ja tämän päivän päivämäärä. Kaikki, mitä teksteissä on, lähtee niiden mukana, esimerkiksi niihin kirjoitetut nimet, summat tai sähköpostiosoitteet. Muuta ei lähetetä: ei kontaktin omaa nimeä tai sähköpostiosoitetta, kauppoja eikä pisteitä.',
    'llm.kept': 'Sovellus ei tallenna mitään HubSpotin ulkopuolelle: jokainen vastaus tarkistetaan (jokaisen lainauksen on löydyttävä tekstistä sanasta sanaan), näytetään myyjälle ehdotuksina ja unohdetaan. Se, mitä {host} säilyttää, riippuu sopimuksestanne palveluntarjoajan kanssa.',
    'llm.fallback': 'Jos {host} ei vastaa tai vastaus kestää yli {seconds} sekuntia, sovelluksen omat säännöt vastaavat sen sijaan.',
    'llm.autofill': 'Mallissa on automaattinen täyttö päällä: kielimallin ehdotukset, joiden varmuus ylittää kynnyksen, täyttävät tyhjät vastaukset ilman myyjää.',
    'llm.invalid': 'Asetukset ovat virheelliset, joten sovelluksen omat säännöt vastaavat: {problem}',
  },
  nb: {
    'llm.title': 'Svarforslag fra samtaler',
    'llm.off': 'Av: svarforslagene kommer fra appens egne regler, som kjører inne i HubSpot. Ingen tekst forlater HubSpot.',
    'llm.howOn': 'Hvis en språkmodell skal foreslå svarene i stedet, legger utvikleren din til apphemmelighetene BANT_LLM_URL (et OpenAI-kompatibelt chat-endepunkt), BANT_LLM_KEY og BANT_LLM_MODEL med hs secret add.',
    'llm.on': 'På: en språkmodell ({model} hos {host}) foreslår svarene.',
    'llm.sent': 'Hver gang en selger åpner kortet til en kontakt, forlater disse tekstene HubSpot og sendes til {host}: tittel og innhold i kontaktens samtaler, tittel, innhold og interne notater fra møtene, innholdet i notatene og emne og tekst i e-postene, fra de siste {days} dagene og høyst de {limit} nyeste, uten formatering; og kontaktens stillingstittel. Med dem følger modellens kriterier, svarvalgene deres og dagens dato. Alt tekstene inneholder følger med, for eksempel navn, beløp eller e-postadresser som står i dem. Ingenting annet sendes: verken kontaktens eget navn eller e-postadresse, avtalene eller poengene.',
    'llm.kept': 'Appen lagrer ingenting utenfor HubSpot: hvert svar kontrolleres (hvert sitat må stå ord for ord i teksten), vises for selgeren som forslag og glemmes. Hva {host} tar vare på, avhenger av avtalen dere har med leverandøren.',
    'llm.fallback': 'Hvis {host} feiler eller bruker mer enn {seconds} sekunder, svarer appens egne regler i stedet.',
    'llm.autofill': 'Automatisk utfylling er på i modellen: forslag fra språkmodellen over terskelen for sikkerhet fyller tomme svar uten en selger.',
    'llm.invalid': 'Satt opp feil, så appens egne regler svarer: {problem}',
  },
  ar: {
    'llm.title': 'إجابات مقترحة من المحادثات',
    'llm.off': 'متوقف: الإجابات المقترحة تأتي من قواعد التطبيق نفسه، وهي تعمل داخل HubSpot. لا يغادر أي نص HubSpot.',
    'llm.howOn': 'لكي يقترحها نموذج لغوي بدلًا من ذلك، يضيف المطوّر أسرار التطبيق BANT_LLM_URL (نقطة محادثة متوافقة مع OpenAI) وBANT_LLM_KEY وBANT_LLM_MODEL باستخدام hs secret add.',
    'llm.on': 'مفعّل: يقترح نموذج لغوي ({model} لدى {host}) الإجابات.',
    'llm.sent': 'في كل مرة يفتح فيها مندوب المبيعات بطاقة جهة اتصال، تغادر هذه النصوص HubSpot إلى {host}: عنوان ونص مكالمات جهة الاتصال، وعنوان ونص وملاحظات اجتماعاتها الداخلية، ونص ملاحظاتها، وموضوع ونص رسائلها الإلكترونية، من آخر {days} يومًا وبحد أقصى أحدث {limit}، دون تنسيق؛ والمسمى الوظيفي لجهة الاتصال. ومعها معايير النموذج وخيارات إجاباتها وتاريخ اليوم. كل ما تحتويه هذه النصوص يُرسل معها، مثل الأسماء أو المبالغ أو عناوين البريد المكتوبة فيها. لا يُرسل شيء غير ذلك: لا اسم جهة الاتصال ولا بريدها الإلكتروني ولا صفقاتها ولا نقاطها.',
    'llm.kept': 'لا يحفظ التطبيق أي شيء خارج HubSpot: تُفحص كل إجابة (يجب أن يظهر كل اقتباس حرفيًا في نصه)، وتُعرض على مندوب المبيعات كاقتراحات ثم تُنسى. أما ما يحتفظ به {host} فيحدده اتفاقكم مع مزوّد الخدمة.',
    'llm.fallback': 'إذا فشل {host} أو استغرق أكثر من {seconds} ثوانٍ، تجيب قواعد التطبيق نفسه بدلًا منه.',
    'llm.autofill': 'التعبئة التلقائية مفعّلة في النموذج: اقتراحات النموذج اللغوي التي تتجاوز حد الثقة تملأ الإجابات الفارغة دون مندوب المبيعات.',
    'llm.invalid': 'الإعداد غير صحيح، لذلك تجيب قواعد التطبيق نفسه: {problem}',
  },
};
