import { CrmActionButton } from '@hubspot/ui-extensions/crm';
import type { CrmAction, Model } from '@bant/engine';
import { useCardLanguage } from '../hooks/useCardLanguage';

/** The HubSpot action each of the model's `crmAction`s opens (the SDK's action types for the sidebar). */
const ACTION_TYPES = {
  add_task: 'ADD_TASK',
  schedule_meeting: 'SCHEDULE_MEETING',
  send_email: 'SEND_EMAIL',
  enroll_in_workflow: 'OPEN_WORKFLOW_ENROLLMENT_MODAL',
} as const satisfies Record<CrmAction, string>;

export interface NextStepProps {
  model: Model;
  /** The stored next action (`bant_next_action`), which the headline names or follows. */
  nextAction: string;
  /** The contact the action is for. */
  contactId: number;
  onError: (message: string) => void;
}

/**
 * The next step as a button that opens HubSpot's own tool for it: a task, a meeting, an email or
 * the workflow enrollment. None when the model gives the action no `crmAction` (RevOps turned it off).
 */
export function NextStep({ model, nextAction, contactId, onError }: NextStepProps) {
  const { t } = useCardLanguage();
  const crmAction = model.actions.find((a) => a.key === nextAction)?.crmAction;
  if (!crmAction || !Number.isFinite(contactId)) return null;
  return (
    <CrmActionButton
      actionType={ACTION_TYPES[crmAction]}
      actionContext={{ objectTypeId: '0-1', objectId: contactId }}
      variant="primary"
      size="sm"
      onError={(errors) => onError(t('nextStep.failed', { reason: errors.join(' ') }))}
      testId="bant-next-step"
    >
      {t(`nextStep.${crmAction}`)}
    </CrmActionButton>
  );
}
