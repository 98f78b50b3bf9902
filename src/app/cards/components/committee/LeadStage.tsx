import { Flex, Tag, Text } from '@hubspot/ui-extensions';
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
 * The contact's HubSpot lead and its stage ("Lead “Acme – pilot” · Connected"), and what the app
 * does with it when the model moves leads. Nothing when the portal has no Leads or the contact none.
 */
export function LeadStage({ lead }: { lead: CardLead | null | undefined }) {
  const { t } = useCardLanguage();
  if (!lead) return null;
  const key = STAGE_KEYS[lead.stage];
  const stage = lead.stageLabel ?? (key ? t(key) : t('lead.stageOther'));
  return (
    <Flex direction="column" gap="flush" testId="bant-lead">
      <Flex direction="row" gap="xs" align="center">
        <Text format={{ fontWeight: 'demibold' }} testId="bant-lead-name">{lead.name ? t('lead.named', { name: lead.name }) : t('lead.unnamed')}</Text>
        <Tag variant="default" testId="bant-lead-stage">{stage}</Tag>
      </Flex>
      {lead.open && lead.moves && <Text variant="microcopy" testId="bant-lead-moves">{t(lead.moves === 'both' ? 'lead.movesBoth' : 'lead.movesQualify')}</Text>}
    </Flex>
  );
}
