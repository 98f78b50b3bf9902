import { Tag, Tooltip } from '@hubspot/ui-extensions';
import type { CardLead } from '../../lib/cardApi';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import type { CardMessageKey } from '../../messages';

/** HubSpot's default lead stages in the user's words. */
const STAGE_KEYS: Record<string, CardMessageKey> = {
  'new-stage-id': 'lead.stageNew',
  'attempting-stage-id': 'lead.stageAttempting',
  'connected-stage-id': 'lead.stageConnected',
  'qualified-stage-id': 'lead.stageQualified',
  'unqualified-stage-id': 'lead.stageUnqualified',
};

/**
 * The contact's HubSpot lead and its stage in one tag ("Lead “Acme – pilot”: Connected"), and, on
 * hover, what the app does with it when the model moves leads. Nothing when the portal has no Leads
 * or the contact none. One component: the card stays short.
 */
export function LeadStage({ lead }: { lead: CardLead | null | undefined }) {
  const { t } = useCardLanguage();
  if (!lead) return null;
  const key = STAGE_KEYS[lead.stage];
  const stage = lead.stageLabel ?? (key ? t(key) : t('lead.stageOther'));
  const moves = lead.open && lead.moves ? t(lead.moves === 'both' ? 'lead.movesBoth' : 'lead.movesQualify') : null;
  return (
    <Tag variant="default" testId="bant-lead" {...(moves ? { overlay: <Tooltip testId="bant-lead-moves">{moves}</Tooltip> } : {})}>
      {lead.name ? t('lead.named', { name: lead.name, stage }) : t('lead.unnamed', { stage })}
    </Tag>
  );
}
