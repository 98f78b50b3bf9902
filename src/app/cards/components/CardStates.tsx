import { Alert, Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ReactNode } from 'react';
import { useCardLanguage } from '../hooks/useCardLanguage';
import type { ReadOnlyCause } from '../hooks/useBantCard';
import type { CardError } from '../lib/cardApi';
import { errorMessage } from '../lib/errorMessage';

export function Loading() {
  const { t } = useCardLanguage();
  return <LoadingSpinner label={t('states.loading')} showLabel layout="centered" testId="bant-loading" />;
}

/** The card could not load: what went wrong in the rep's words, and a retry. */
export function LoadError({ error, onRetry }: { error: CardError; onRetry: () => void }) {
  const { t } = useCardLanguage();
  return (
    <ErrorState title={t('states.loadErrorTitle')} testId="bant-load-error">
      <Text>{t(errorMessage(error.code))}</Text>
      <Text variant="microcopy">{t(error.retryable ? 'states.temporary' : 'states.permanent')}</Text>
      <Button onClick={onRetry} testId="bant-retry">
        {t('states.retry')}
      </Button>
    </ErrorState>
  );
}

/** The model RevOps left invalid: reps learn only that scoring is off and who fixes it; details are on the settings page. */
export function ScoringUnavailable() {
  const { t } = useCardLanguage();
  return (
    <ErrorState title={t('states.unavailableTitle')} type="support" testId="bant-model-invalid">
      <Text>{t('states.unavailable')}</Text>
    </ErrorState>
  );
}

/** Shown first when the rep cannot save: why, and who can change it. */
export function ReadOnlyNotice({ cause }: { cause: ReadOnlyCause }) {
  const { t } = useCardLanguage();
  return (
    <Alert title={t('states.readOnlyTitle')} variant="info" testId="bant-read-only">
      {t(cause === 'forbidden' ? 'states.readOnlyForbidden' : 'states.readOnlySetup')}
    </Alert>
  );
}

/** No answer yet: an invitation to ask the first question, not a row of zeros. */
export function NoAnswersYet({ firstQuestion, canEdit, children }: { firstQuestion: string | null; canEdit: boolean; children?: ReactNode }) {
  const { t } = useCardLanguage();
  return (
    <EmptyState title={t('states.emptyTitle')} imageName="leads" layout="vertical" flush testId="bant-empty">
      <Text>{t(canEdit ? 'states.empty' : 'states.emptyReadOnly')}</Text>
      {firstQuestion && <Text format={{ italic: true }}>{t('states.firstQuestion', { question: firstQuestion })}</Text>}
      {children}
    </EmptyState>
  );
}
