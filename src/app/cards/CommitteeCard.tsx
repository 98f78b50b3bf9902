/**
 * The buying-committee card on deals and companies. HubSpot renders what `hubspot.extend`
 * registers; the exported `CommitteeCard` is the whole card, so tests render it with the SDK's
 * testing renderer.
 *
 * Layout, top to bottom (short by default: the contacts' table opens in a panel):
 *   1. Verdict: the roll-up's score, next step and grade (the contact card's own component).
 *   2. One line per criterion with whose evidence it took ("Authority: C-level, from Maria Chen").
 *   3. The gaps as actions ("No one at Director level or above yet").
 *   4. How many contacts (and a company's open deals) it rolls up, and a button opening the table
 *      of contacts with their role, own score and what each is missing.
 * Data: ONE call of `bant_committee_api`; words: messages/committee.ts.
 */
import { Button, EmptyState, ErrorState, Flex, Text, hubspot } from '@hubspot/ui-extensions';
import { useMemo } from 'react';
import { Loading, ScoringUnavailable } from './components/CardStates';
import { CommitteeCriteria } from './components/committee/CommitteeCriteria';
import { CommitteeGaps } from './components/committee/CommitteeGaps';
import { CommitteeMembers } from './components/committee/CommitteeMembers';
import { Verdict } from './components/Verdict';
import { useCommitteeCard } from './hooks/useCommitteeCard';
import type { CommitteeState } from './hooks/useCommitteeCard';
import { CardLanguageProvider, createCardLanguage, useCardLanguage } from './hooks/useCardLanguage';
import { errorMessage } from './lib/errorMessage';

export interface CommitteeCardProps {
  context: { portal: { id: number; timezone?: string }; crm: { objectId: number | string; objectTypeId: string }; user?: { locale?: string } };
}

export function CommitteeCard({ context }: CommitteeCardProps) {
  const locale = context.user?.locale;
  const timeZone = context.portal.timezone;
  const language = useMemo(() => createCardLanguage(locale, timeZone), [locale, timeZone]);
  return (
    <CardLanguageProvider language={language}>
      <CommitteeContent context={context} />
    </CardLanguageProvider>
  );
}

function CommitteeContent({ context }: CommitteeCardProps) {
  const language = useCardLanguage();
  const { state, reload } = useCommitteeCard({
    portalId: context.portal.id,
    objectTypeId: context.crm.objectTypeId,
    objectId: String(context.crm.objectId),
    locale: language.locale,
  });
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <CommitteeError error={state.error} onRetry={reload} />;
  return <CommitteeView data={state.data} />;
}

function CommitteeView({ data }: { data: Extract<CommitteeState, { status: 'ready' }>['data'] }) {
  const { t, format } = useCardLanguage();
  const { model, result, object } = data;
  const money = { currency: data.currency, dealCurrencies: data.dealCurrencies };
  if (result.committeeSize === 0 && result.criteria.every((c) => c.status === 'unknown')) {
    return (
      <EmptyState title={t('committee.emptyTitle')} imageName="leads" layout="vertical" flush testId="bant-committee-empty">
        <Text>{t(object === 'deal' ? 'committee.emptyDeal' : 'committee.emptyCompany')}</Text>
      </EmptyState>
    );
  }
  const counted = [t('committee.contacts', { count: result.committeeSize }), ...(object === 'company' ? [t('committee.openDeals', { count: data.openDeals })] : [])];
  const notes = [
    t('committee.rolledUp', { what: format.list(counted) }),
    ...(data.memberCount > result.committeeSize ? [t('committee.capped', { shown: result.committeeSize, total: data.memberCount })] : []),
    ...(data.stored ? [] : [t(object === 'deal' ? 'committee.notStoredDeal' : 'committee.notStoredCompany')]),
  ];
  return (
    <Flex direction="column" gap="sm">
      <Verdict model={model} result={result} />
      <CommitteeCriteria model={model} result={result} money={money} />
      <CommitteeGaps model={model} gaps={result.gaps} money={money} />
      <Text variant="microcopy" testId="bant-committee-size">{notes.join(' ')}</Text>
      <CommitteeMembers model={model} members={result.members} />
    </Flex>
  );
}

/** The card could not load: what went wrong in the user's words, and a retry. */
function CommitteeError({ error, onRetry }: { error: Extract<CommitteeState, { status: 'error' }>['error']; onRetry: () => void }) {
  const { t } = useCardLanguage();
  if (error.code === 'model_invalid') return <ScoringUnavailable />;
  return (
    <ErrorState title={t('states.loadErrorTitle')} testId="bant-load-error">
      <Text>{t(error.code === 'not_found' ? 'committee.errorNotFound' : error.code === 'forbidden' ? 'committee.errorForbidden' : errorMessage(error.code))}</Text>
      <Text variant="microcopy">{t(error.retryable ? 'states.temporary' : 'states.permanent')}</Text>
      <Button onClick={onRetry} testId="bant-retry">{t('states.retry')}</Button>
    </ErrorState>
  );
}

hubspot.extend<'crm.record.sidebar'>(({ context }) => <CommitteeCard context={context} />);
