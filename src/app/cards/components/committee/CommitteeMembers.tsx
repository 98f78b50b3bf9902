import { Button, Panel, PanelBody, PanelSection, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@hubspot/ui-extensions';
import type { Model } from '@bant/engine';
import type { MemberSummary } from '../../../../committee';
import { useCardLanguage } from '../../hooks/useCardLanguage';
import { roleText } from '../../lib/committeeText';

export const MEMBERS_PANEL_ID = 'bant-committee-members';

/**
 * The contacts of the committee, most senior first, in a panel the user opens: each with their
 * role, their own score and what they are still missing.
 */
export function CommitteeMembers({ model, members }: { model: Model; members: MemberSummary[] }) {
  const wording = useCardLanguage();
  const { t, text, format } = wording;
  if (members.length === 0) return null;
  const label = (key: string) => {
    const criterion = model.criteria.find((c) => c.key === key);
    return criterion ? text(criterion.label) : key;
  };
  const panel = (
    <Panel id={MEMBERS_PANEL_ID} title={t('committee.membersTitle')} width="md" testId="bant-committee-panel">
      <PanelBody>
        <PanelSection>
          <Table bordered testId="bant-committee-table">
            <TableHead>
              <TableRow>
                <TableHeader>{t('committee.colContact')}</TableHeader>
                <TableHeader>{t('committee.colRole')}</TableHeader>
                <TableHeader>{t('committee.colScore')}</TableHeader>
                <TableHeader>{t('committee.colMissing')}</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {members.map((member) => (
                <TableRow key={member.id} testId={`bant-committee-member-${member.id}`}>
                  <TableCell>{member.title ? t('committee.memberName', { name: member.name, title: member.title }) : member.name}</TableCell>
                  <TableCell>{roleText(model, member, wording)}</TableCell>
                  <TableCell>{t('committee.score', { score: member.result.score, max: member.result.max, grade: member.result.grade })}</TableCell>
                  <TableCell>{member.missing.length === 0 ? t('committee.nothingMissing') : format.list(member.missing.map(label))}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </PanelSection>
      </PanelBody>
    </Panel>
  );
  return (
    <Button variant="secondary" overlay={panel} testId="bant-committee-members">
      {t('committee.showMembers', { count: members.length })}
    </Button>
  );
}
