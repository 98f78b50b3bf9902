/** The next step as a HubSpot action the rep can click. */
import type { Catalogs } from '@bant/i18n';

const en = {
  'nextStep.add_task': 'Add a task',
  'nextStep.schedule_meeting': 'Schedule a meeting',
  'nextStep.send_email': 'Send an email',
  'nextStep.enroll_in_workflow': 'Enroll in a workflow',
  'nextStep.failed': 'HubSpot could not open this action: {reason}',
} as const;

export const nextStepMessages: Catalogs<typeof en> = {
  en,
  fi: {
    'nextStep.add_task': 'Lisää tehtävä',
    'nextStep.schedule_meeting': 'Varaa tapaaminen',
    'nextStep.send_email': 'Lähetä sähköposti',
    'nextStep.enroll_in_workflow': 'Lisää työnkulkuun',
    'nextStep.failed': 'HubSpot ei voinut avata tätä toimintoa: {reason}',
  },
  nb: {
    'nextStep.add_task': 'Legg til en oppgave',
    'nextStep.schedule_meeting': 'Book et møte',
    'nextStep.send_email': 'Send en e-post',
    'nextStep.enroll_in_workflow': 'Meld inn i en arbeidsflyt',
    'nextStep.failed': 'HubSpot kunne ikke åpne denne handlingen: {reason}',
  },
  ar: {
    'nextStep.add_task': 'أضف مهمة',
    'nextStep.schedule_meeting': 'حدّد موعد اجتماع',
    'nextStep.send_email': 'أرسل بريدًا إلكترونيًا',
    'nextStep.enroll_in_workflow': 'سجّل في سير عمل',
    'nextStep.failed': 'تعذّر على HubSpot فتح هذا الإجراء: {reason}',
  },
};
